package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway.controlUi}: OpenClaw's keys for the Control UI. */
class ControlUiConfigTest {

    @TempDir
    Path dir;

    private ConfigTestSupport configs;

    @BeforeEach
    void setUp() {
        configs = new ConfigTestSupport(dir);
    }

    @Test
    void defaultsServeTheUiAtTheRoot() {
        GatewayConfig.ControlUi ui = configs.load("c.json5", "{}").config().gateway().controlUi();
        assertThat(ui).isEqualTo(new GatewayConfig.ControlUi(true, "/", List.of()));
    }

    @Test
    void bindsEnabledBasePathAndOriginsAndWarnsAboutOpenClawOnlyKeys() {
        LoadedConfig loaded = configs.load("c.json5", """
                { gateway: { controlUi: { enabled: false, basePath: "/ui", allowedOrigins: ["https://ops.example.com"],
                  root: "/srv/ui" } } }
                """);
        assertThat(loaded.config().gateway().controlUi())
                .isEqualTo(new GatewayConfig.ControlUi(false, "/ui", List.of("https://ops.example.com")));
        assertThat(loaded.config().warnings()).singleElement().asString().contains("gateway.controlUi.root");
    }

    @Test
    void aBadBasePathOrOriginIsAnErrorThatSaysWhatToWrite() {
        assertThat(configs.errorLines("c.json5", "{ gateway: { controlUi: { basePath: \"/v1/ui\" } } }"))
                .singleElement().asString().contains("gateway.controlUi.basePath").contains("does not clash with /v1");
        assertThat(configs.errorLines("c.json5",
                "{ gateway: { controlUi: { allowedOrigins: [\"https://ops.example.com/path\"] } } }"))
                .singleElement().asString().contains("gateway.controlUi.allowedOrigins[0]").contains("scheme://host[:port]");
        assertThat(configs.errorLines("c.json5", "{ gateway: { controlUi: { basepath: \"/ui\" } } }"))
                .singleElement().asString().contains("basePath");
    }
}
