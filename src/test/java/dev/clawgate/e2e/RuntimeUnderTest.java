package dev.clawgate.e2e;

import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The whole gateway from a JSON5 config, on an ephemeral loopback port, its state under {@code home/state}. */
final class RuntimeUnderTest {

    private RuntimeUnderTest() {}

    static GatewayRuntime start(Path home, String json5) throws IOException {
        Path config = home.resolve("clawgate.json5");
        Files.writeString(config, json5);
        Environment env = Environment.of(Map.of("CLAWGATE_STATE_DIR", home.resolve("state").toString()), home);
        return GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(0, null), new MutableClock());
    }
}
