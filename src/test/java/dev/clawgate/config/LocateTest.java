package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocateTest {

    @TempDir
    Path home;

    private Path explicit;
    private Path fromEnv;
    private Path clawgateHome;
    private Path openclawFromEnv;
    private Path openclawHome;

    @BeforeEach
    void writeAllCandidates() throws IOException {
        explicit = write(home.resolve("explicit.json5"));
        fromEnv = write(home.resolve("env.json5"));
        clawgateHome = write(home.resolve(".clawgate/clawgate.json5"));
        openclawFromEnv = write(home.resolve("oc-env.json"));
        openclawHome = write(home.resolve(".openclaw/openclaw.json"));
    }

    private static Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "{}");
    }

    private ConfigLocation locate(Path explicitPath, Map<String, String> vars) {
        return new ConfigLoader(Environment.of(vars, home)).locate(explicitPath);
    }

    private Map<String, String> bothVariables() {
        Map<String, String> vars = new HashMap<>();
        vars.put("CLAWGATE_CONFIG", fromEnv.toString());
        vars.put("OPENCLAW_CONFIG_PATH", openclawFromEnv.toString());
        return vars;
    }

    @Test
    void firstHitWinsInTheDocumentedOrder() throws IOException {
        assertThat(locate(explicit, bothVariables())).isEqualTo(new ConfigLocation(explicit, "--config"));
        assertThat(locate(null, bothVariables())).isEqualTo(new ConfigLocation(fromEnv, "$CLAWGATE_CONFIG"));
        Map<String, String> onlyOpenClaw = Map.of("OPENCLAW_CONFIG_PATH", openclawFromEnv.toString());
        assertThat(locate(null, onlyOpenClaw))
                .isEqualTo(new ConfigLocation(clawgateHome, "~/.clawgate/clawgate.json5"));
        Files.delete(clawgateHome);
        assertThat(locate(null, onlyOpenClaw))
                .isEqualTo(new ConfigLocation(openclawFromEnv, "OpenClaw config $OPENCLAW_CONFIG_PATH"));
        assertThat(locate(null, Map.of()))
                .isEqualTo(new ConfigLocation(openclawHome, "OpenClaw config ~/.openclaw/openclaw.json"));
        Files.delete(openclawHome);
        ConfigLocation fallback = locate(null, Map.of());
        assertThat(fallback.path()).isNull();
        assertThat(fallback.reason()).startsWith("built-in default (no config file found; looked at "
                + "~/.clawgate/clawgate.json5 and ~/.openclaw/openclaw.json");
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() {
        assertThat(locate(null, Map.of("CLAWGATE_CONFIG", "env.json5")).path()).isEqualTo(fromEnv);
        assertThat(locate(null, Map.of("CLAWGATE_CONFIG", "~/env.json5")).path()).isEqualTo(fromEnv);
    }

    @Test
    void namedButMissingFilesAreErrorsNotSilentFallbacks() throws IOException {
        Path missing = home.resolve("missing.json5");
        assertThatThrownBy(() -> locate(missing, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("the config file named by --config does not exist: " + missing);
        assertThatThrownBy(() -> locate(null, Map.of("CLAWGATE_CONFIG", missing.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("named by $CLAWGATE_CONFIG does not exist");
        Files.delete(clawgateHome); // else it would be found before $OPENCLAW_CONFIG_PATH is looked at
        assertThatThrownBy(() -> locate(null, Map.of("OPENCLAW_CONFIG_PATH", home.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is a directory, not a file");
    }

    @Test
    void locateAndLoadLoadsTheFoundFile() {
        LoadedConfig loaded = new ConfigLoader(Environment.of(Map.of(), home)).locateAndLoad(null);
        assertThat(loaded.location().path()).isEqualTo(clawgateHome);
        assertThat(loaded.config().source()).isEqualTo(clawgateHome);
    }
}
