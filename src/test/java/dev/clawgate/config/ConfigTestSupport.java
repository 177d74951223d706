package dev.clawgate.config;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes configs into a temporary directory and loads them against a fixed environment. */
final class ConfigTestSupport {

    private final Path dir;
    private final Map<String, String> variables;

    ConfigTestSupport(Path dir, Map<String, String> variables) {
        this.dir = dir;
        this.variables = variables;
    }

    ConfigTestSupport(Path dir) {
        this(dir, Map.of());
    }

    Path write(String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Environment env() {
        return Environment.of(variables, dir);
    }

    LoadedConfig load(String name, String content) {
        Path file = write(name, content);
        ConfigLoader loader = new ConfigLoader(env());
        return loader.load(loader.locate(file));
    }

    /** The errors from loading, failing the test when it loads. */
    List<ConfigProblem> errors(String name, String content) {
        return errors(name, content, false);
    }

    /** As {@link #errors(String, String)}; {@code strict}: as {@code config validate --strict}. */
    List<ConfigProblem> errors(String name, String content, boolean strict) {
        Path file = write(name, content);
        ConfigLoader loader = new ConfigLoader(env(), strict ? ValidationMode.STRICT : ValidationMode.START);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(loader.locate(file)));
        if (e == null) {
            throw new AssertionError("expected the config to be rejected:\n" + content);
        }
        return e.problems();
    }

    List<String> errorLines(String name, String content) {
        return errors(name, content).stream().map(ConfigProblem::format).toList();
    }
}
