package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.channel.telegram.FakeTelegramBotApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clawgate doctor} checks each configured chat channel against its API. */
class DoctorChannelsTest {

    @TempDir
    Path home;

    @Test
    void reportsAWorkingBotARejectedTokenAndAMissingOne() throws Exception {
        try (FakeTelegramBotApi telegram = new FakeTelegramBotApi("1:GOOD")) {
            Path config = home.resolve("c.json5");
            Files.writeString(config, "{ channels: { telegram: { botToken: \"1:GOOD\", apiRoot: \"" + telegram.root()
                    + "\" } } }");
            CliRunner.Result ok = CliRunner.run(home, Map.of(), "doctor", "--config", config.toString());
            assertThat(ok.out()).contains("OK     channel telegram: connected as @claw_bot");

            Files.writeString(config, "{ channels: { telegram: { botToken: \"1:BAD\", apiRoot: \"" + telegram.root()
                    + "\" } } }");
            CliRunner.Result bad = CliRunner.run(home, Map.of(), "doctor", "--config", config.toString());
            assertThat(bad.out()).contains("ERROR  channel telegram: the bot token was rejected (401 Unauthorized)")
                    .doesNotContain("1:BAD");
            assertThat(bad.exitCode()).isEqualTo(ExitCodes.INVALID);

            Files.writeString(config, "{ channels: { telegram: { dmPolicy: \"pairing\" } } }");
            assertThat(CliRunner.run(home, Map.of(), "doctor", "--config", config.toString()).out())
                    .contains("channels.telegram has no bot token: set botToken, tokenFile or TELEGRAM_BOT_TOKEN");
        }
    }
}
