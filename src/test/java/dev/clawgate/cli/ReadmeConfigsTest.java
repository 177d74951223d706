package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the README honest: every json5 config it shows validates. */
class ReadmeConfigsTest {

    @TempDir
    Path home;

    @Test
    void everyConfigInTheReadmeValidates() throws IOException {
        Matcher m = Pattern.compile("```json5\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("README.md")));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).isNotEmpty();
        for (int i = 0; i < blocks.size(); i++) {
            Path file = home.resolve("readme-" + i + ".json5");
            Files.writeString(file, blocks.get(i));
            // the variables the README tells the reader to export
            Map<String, String> env = Map.of("TELEGRAM_BOT_TOKEN", "123456789:AAtest", "WHATSAPP_TOKEN", "EAAGtest",
                    "WHATSAPP_APP_SECRET", "secret", "REDIS_PASSWORD", "redis-pw",
                    "CLAWGATE_TOKEN", "readme-gateway-token-0123", "CLAWGATE_KEY_CI", "readme-ci-key-0123456789");
            CliRunner.Result r = CliRunner.run(home, env, "config", "validate", "--config", file.toString());
            assertThat(r.exitCode()).as("README block %d:\n%s\n%s", i, blocks.get(i), r.err()).isZero();
        }
    }
}
