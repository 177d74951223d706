package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {

    @TempDir
    Path home;

    @Test
    void printsAFreshUrlSafeTokenAndHowToUseIt() {
        CliRunner.Result a = CliRunner.run(home, Map.of(), "token");
        CliRunner.Result b = CliRunner.run(home, Map.of(), "token");
        assertThat(a.exitCode()).isZero();
        assertThat(a.out().trim()).matches("cg_[A-Za-z0-9_-]{43}").isNotEqualTo(b.out().trim());
        assertThat(a.err()).contains("gateway: { auth: { mode: \"token\", token: \"${CLAWGATE_TOKEN}\" } }")
                .doesNotContain(a.out().trim());
    }

    @Test
    void aClientKeyIsPrintedOnceAndItsConfigLineHoldsOnlyTheDigest() throws Exception {
        CliRunner.Result r = CliRunner.run(home, Map.of(), "token", "--key", "ci");
        assertThat(r.exitCode()).isZero();
        String token = r.out().trim();
        assertThat(token).matches("cg_[A-Za-z0-9_-]{43}");
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(r.err()).contains("{ id: \"ci\", token: \"sha256:" + digest + "\" }").doesNotContain(token);
    }

    @Test
    void aBadKeyIdIsRefusedNamingTheRule() {
        CliRunner.Result r = CliRunner.run(home, Map.of(), "token", "--key", "no spaces");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains("--key 'no spaces' is not a valid key id");
        assertThat(r.out()).isEmpty();
    }
}
