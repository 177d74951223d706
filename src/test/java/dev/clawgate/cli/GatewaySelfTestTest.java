package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class GatewaySelfTestTest {

    @TempDir
    Path home;

    @Test
    void freshMachineWithNoConfigStartsServesReadyAndStops() {
        CliRunner.Result r = CliRunner.run(home, Map.of(), "gateway", "--self-test");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("self-test ok: /ready and /v1/models answered on port ");
    }

    @Test
    void invalidConfigFailsWithTheProblemAndExitCode1() throws Exception {
        Path bad = home.resolve("bad.json5");
        java.nio.file.Files.writeString(bad, "{ agents: { defaults: { model: { primay: \"x/y\" } } } }");
        CliRunner.Result r = CliRunner.run(home, Map.of(), "gateway", "--self-test", "--config", bad.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("unknown key 'primay' (did you mean 'primary'?)");
    }

    @Test
    void publicBindWithoutAuthIsRefusedWithHowToSetAToken() {
        CliRunner.Result r = CliRunner.run(home, Map.of(), "gateway", "--bind", "lan", "--port", "0");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("clawgate: ").contains("gateway.auth.mode: \"token\"");
    }
}
