package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code channels} section: its credentials never shown, its mistakes named with the fix. */
class ChannelConfigTest {

    @TempDir
    Path home;

    @Test
    void channelCredentialsAreRedactedInConfigShow() throws Exception {
        Path config = home.resolve("c.json5");
        Files.writeString(config, """
                { channels: {
                    telegram: { botToken: "123:LITERAL-BOT-TOKEN", webhookUrl: "https://x.example/hook",
                                webhookSecret: "LITERAL-HOOK-SECRET" },
                    whatsapp: { cloudApi: { phoneNumberId: "1065", accessToken: "LITERAL-ACCESS",
                                            appSecret: "LITERAL-APP", verifyToken: "LITERAL-VERIFY" } } } }
                """);
        CliRunner.Result shown = CliRunner.run(home, Map.of(), "config", "show", "--config", config.toString());
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).contains("channels.whatsapp.cloudApi.phoneNumberId").contains("<redacted>")
                .doesNotContain("LITERAL");
    }

    @Test
    void mistakesNameTheKeyAndTheFix() throws Exception {
        Path config = home.resolve("c.json5");
        Files.writeString(config, """
                { channels: { telegram: { botToken: "1:x", webhookUrl: "https://x.example/hook", dmPolicy: "pairng",
                    textChunkLimit: 5000, webhookPath: "/v1/models" } },
                  bindings: [{ agentId: "ops", match: { chanel: "telegram" } }] }
                """);
        CliRunner.Result r = CliRunner.run(home, Map.of(), "config", "validate", "--config", config.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err() + r.out()).contains("channels.telegram.webhookUrl: webhook mode needs webhookSecret")
                .contains("channels.telegram.dmPolicy: unknown value 'pairng'").contains("did you mean")
                .contains("channels.telegram.textChunkLimit: expected a length from 1 to 4096")
                .contains("channels.telegram.webhookPath: '/v1/models' is one of the gateway's own paths")
                .contains("bindings[0].match.chanel: unknown key 'chanel' (did you mean 'channel'?)");
    }
}
