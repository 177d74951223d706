package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class DoctorCommandTest {

    @TempDir
    Path home;

    @Test
    void closedLmStudioPortIsReportedWithHowToStartIt() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String config = Files.readString(Path.of("examples", "hybrid-local-first.json5"))
                .replace("http://127.0.0.1:1234/v1", "http://127.0.0.1:" + port + "/v1");
        Path file = home.resolve("clawgate.json5");
        Files.writeString(file, config);

        CliRunner.Result r = CliRunner.run(home, Map.of("ANTHROPIC_API_KEY", "sk-ant-secret"), "doctor", "--config",
                file.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.line("ERROR  lmstudio:")).isEqualTo("ERROR  lmstudio: LM Studio is not running at http://127.0.0.1:"
                + port + "/v1 (connection refused)");
        assertThat(r.out()).contains("fix: start LM Studio's server (Developer tab -> Start Server, or `lms server start`)")
                .contains("1 problem(s) need fixing.").doesNotContain("sk-ant-secret");
    }

    @Test
    void jsonOutputListsFindings() {
        CliRunner.Result r = CliRunner.run(home, Map.of(), "doctor", "--json", "--config",
                CliRunner.example("hybrid-hosted-primary.json5"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("\"ok\" : false").contains("\"subject\" : \"anthropic\"")
                .contains("export ANTHROPIC_API_KEY=...");
    }

    @Test
    void probeNeverContactsAHostedProviderWithoutAKey() throws IOException {
        dev.clawgate.testing.FakeUpstream lmStudio = new dev.clawgate.testing.FakeUpstream()
                .on("/v1/models", dev.clawgate.testing.FakeUpstream.json(
                        "{\"object\":\"list\",\"data\":[{\"id\":\"minimax-m2.1-gs32\"}]}"))
                .on("/v1/responses", dev.clawgate.testing.FakeUpstream.answer("pong"));
        try (lmStudio) {
            String config = Files.readString(Path.of("examples", "hybrid-local-first.json5"))
                    .replace("http://127.0.0.1:1234/v1", lmStudio.baseUrl());
            Path file = home.resolve("clawgate.json5");
            Files.writeString(file, config);

            CliRunner.Result r = CliRunner.run(home, Map.of(), "doctor", "--probe", "--config", file.toString());

            assertThat(r.out()).contains("no API key for anthropic");
            // the local model was probed; the keyless hosted fallbacks were not (no probe finding names them)
            assertThat(r.out()).doesNotContain("anthropic/claude-sonnet-4-5:").doesNotContain("anthropic/claude-opus-4-6:");
            assertThat(lmStudio.requestsTo("/v1/responses")).isGreaterThanOrEqualTo(1);
        }
    }
}
