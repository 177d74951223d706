package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway.auth.keys}: bound with tokens from variables or stored hashed, and every mistake named. */
class ClientKeysConfigTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void keysBindWithTheirTokenSourceModelsPrivacyBudgetAndRateLimit() {
        ConfigTestSupport configs = new ConfigTestSupport(dir, Map.of("CI_KEY", "ci-token-0123456789abcdef"));
        GatewayConfig.Auth auth = configs.load("c.json5", """
                { gateway: { auth: { mode: "token", token: "gateway-token-0123456789", keys: [
                    { id: "ci", token: "${CI_KEY}", models: ["local"], privacy: "local-only",
                      budget: { daily: 2 }, rateLimit: { requestsPerMinute: 30 } },
                    { id: "alice", token: "%s" } ] } } }
                """.formatted(DIGEST)).config().gateway().auth();

        assertThat(auth.keys()).hasSize(2);
        GatewayConfig.ClientKey ci = auth.keys().get(0);
        assertThat(ci.token()).isEqualTo(new SecretRef.Env("CI_KEY"));
        assertThat(ci.models()).containsExactly("local");
        assertThat(ci.privacy().regions()).containsExactly("local");
        assertThat(ci.budget().daily()).isEqualTo(2.0);
        assertThat(ci.rateLimit()).isEqualTo(new GatewayConfig.RateLimit(30, null));
        assertThat(auth.keys().get(1).storedDigest()).isEqualTo("ab".repeat(32));
        assertThat(ConfigPaths.isSecret("gateway.auth.keys[1].token")).isTrue();
    }

    @Test
    void mistakesAreErrorsNamingTheKeyAndTheField() {
        ConfigTestSupport configs = new ConfigTestSupport(dir, Map.of("SAME", "gateway-token-0123456789"));
        List<String> errors = configs.errorLines("c.json5", """
                { gateway: { auth: { mode: "token", token: "${SAME}", keys: [
                    { id: "ci", token: "short" },
                    { id: "ci", token: "%s" },
                    { id: "bad id", token: "sha256:123" },
                    { id: "same", token: "${SAME}" },
                    { id: "twin", token: "%s", rateLimit: {} },
                    { token: "%s" } ] } } }
                """.formatted(DIGEST, DIGEST, "cd".repeat(32)));

        assertThat(errors).anySatisfy(e -> assertThat(e).contains("gateway.auth.keys[0].token: key 'ci': the token"
                        + " is shorter than 16 characters", "clawgate token --key ci"))
                .anySatisfy(e -> assertThat(e).contains("gateway.auth.keys[1].id: duplicate key id 'ci'"))
                .anySatisfy(e -> assertThat(e).contains("gateway.auth.keys[2].id: key id 'bad id' must be"))
                .anySatisfy(e -> assertThat(e).contains("gateway.auth.keys[2].token", "\"sha256:\" and 64 hex digits"))
                .anySatisfy(e -> assertThat(e).contains("gateway.auth.keys[3].token: key 'same' has the same token as"
                        + " gateway.auth.token"))
                .anySatisfy(e -> assertThat(e).contains("gateway.auth.keys[4].rateLimit: a rate limit needs a limit"))
                .anySatisfy(e -> assertThat(e).contains("gateway.auth.keys[5]", "id"));
    }

    @Test
    void aTokenWrittenInPlainTextIsAWarningThatSaysHowToStoreIt() {
        ConfigTestSupport configs = new ConfigTestSupport(dir);
        List<String> warnings = configs.load("c.json5", """
                { gateway: { auth: { mode: "token", keys: [ { id: "ci", token: "plain-token-0123456789" } ] } } }
                """).config().warnings().stream().map(ConfigProblem::format).toList();
        assertThat(warnings).anySatisfy(e -> assertThat(e).contains("gateway.auth.keys[0].token: key 'ci': the token is"
                + " written in the config in plain text", "clawgate token --key ci").doesNotContain("plain-token"));
    }
}
