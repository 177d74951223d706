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
}
