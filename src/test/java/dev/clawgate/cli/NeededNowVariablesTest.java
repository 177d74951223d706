package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unset {@code ${VAR}} that the gateway needs to start (a provider of the default chain, the gateway's own
 * token): {@code config validate} warns that the gateway will refuse to start, naming the variable, the field
 * and the file; {@code clawgate gateway} refuses; {@code --strict} keeps it an error.
 */
class NeededNowVariablesTest {

    @TempDir
    Path home;

    private Path write(String name, String text) throws Exception {
        Path file = home.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aDefaultChainProviderKeyWarnsOnValidateAndStopsTheGateway() throws Exception {
        Path config = write("chain.json5", """
                {
                  models: { providers: { moonshot: { baseUrl: "https://api.moonshot.ai/v1",
                      apiKey: "${MOONSHOT_API_KEY}", api: "openai-completions",
                      models: [{ id: "kimi-k3", name: "Kimi K3" }] } } },
                  agents: { defaults: { model: { primary: "moonshot/kimi-k3" } } },
                }
                """);

        CliRunner.Result validate = CliRunner.run(home, Map.of(), "config", "validate", "--config", config.toString());
        assertThat(validate.exitCode()).as(validate.out()).isZero();
        assertThat(validate.out()).contains("warning: chain.json5:5:43: agents.defaults.model.primary: "
                + "moonshot/kimi-k3 is in the default chain but cannot be called: environment variable "
                + "MOONSHOT_API_KEY is not set (used in models.providers.moonshot.apiKey in chain.json5:3); `clawgate gateway` will refuse to start until MOONSHOT_API_KEY is set");

        CliRunner.Result strict = CliRunner.run(home, Map.of(), "config", "validate", "--strict", "--config",
                config.toString());
        assertThat(strict.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(strict.out()).contains("chain.json5:3:15: models.providers.moonshot.apiKey: environment variable "
                + "MOONSHOT_API_KEY is not set");

        CliRunner.Result gateway = CliRunner.run(home, Map.of(), "gateway", "--port", "0", "--config", config.toString());
        assertThat(gateway.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(gateway.err()).contains("agents.defaults.model.primary: moonshot/kimi-k3 is in the default chain "
                + "but cannot be called: environment variable MOONSHOT_API_KEY is not set (used in "
                + "models.providers.moonshot.apiKey in chain.json5:3)")
                .doesNotContain("will refuse");

        CliRunner.Result withKey = CliRunner.run(home, Map.of("MOONSHOT_API_KEY", "sk-m"), "config", "validate",
                "--strict", "--config", config.toString());
        assertThat(withKey.exitCode()).as(withKey.out()).isZero();
        assertThat(withKey.out()).doesNotContain("MOONSHOT_API_KEY");
    }

    @Test
    void theGatewayTokenWarnsOnValidateAndStopsTheGateway() throws Exception {
        Path config = write("token.json5", """
                {
                  gateway: { auth: { mode: "token", token: "${OPENCLAW_GATEWAY_TOKEN}" } },
                }
                """);

        CliRunner.Result validate = CliRunner.run(home, Map.of(), "config", "validate", "--config", config.toString());
        assertThat(validate.exitCode()).as(validate.out()).isZero();
        assertThat(validate.out()).contains("warning: token.json5:2:44: gateway.auth.token: environment variable "
                + "OPENCLAW_GATEWAY_TOKEN is not set (referenced as ${OPENCLAW_GATEWAY_TOKEN}); the gateway needs "
                + "gateway.auth.token to start, so `clawgate gateway` will refuse to start until "
                + "OPENCLAW_GATEWAY_TOKEN is set");

        CliRunner.Result strict = CliRunner.run(home, Map.of(), "config", "validate", "--strict", "--config",
                config.toString());
        assertThat(strict.exitCode()).isEqualTo(ExitCodes.INVALID);

        CliRunner.Result gateway = CliRunner.run(home, Map.of(), "gateway", "--port", "0", "--config", config.toString());
        assertThat(gateway.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(gateway.err()).contains("token.json5:2:44: gateway.auth.token: environment variable "
                + "OPENCLAW_GATEWAY_TOKEN is not set");
    }
}
