package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and loads the configuration: JSON5 with positions, {@code $include}, {@code ${VAR}} substitution,
 * then strict binding into {@link ClawgateConfig}. Every problem is collected and reported at once, each
 * with file, line and column.
 */
public final class ConfigLoader {

    static final String DEFAULT_RESOURCE = "/dev/clawgate/config/default-config.json5";

    private final Environment env;

    private final boolean strict;

    public ConfigLoader(Environment env) {
        this(env, false);
    }

    /**
     * @param strict every unset {@code ${VAR}} is an error ({@code config validate --strict}); otherwise only
     *     one whose value is needed to start (see {@link UnsetVariables})
     */
    public ConfigLoader(Environment env, boolean strict) {
        this.env = env;
        this.strict = strict;
    }

    /**
     * The first of: {@code explicitPath} ({@code --config}), {@code $CLAWGATE_CONFIG},
     * {@code ~/.clawgate/clawgate.json5}, {@code $OPENCLAW_CONFIG_PATH}, {@code ~/.openclaw/openclaw.json};
     * else the built-in default.
     *
     * @throws ConfigException when the explicit path or a variable names a file that does not exist
     */
    public ConfigLocation locate(Path explicitPath) {
        if (explicitPath != null) {
            return existing(resolve(explicitPath.toString()), "--config");
        }
        Optional<String> clawgate = env.get("CLAWGATE_CONFIG");
        if (clawgate.isPresent()) {
            return existing(resolve(clawgate.get()), "$CLAWGATE_CONFIG");
        }
        Path clawgateHome = env.home().resolve(".clawgate").resolve("clawgate.json5");
        if (Files.isRegularFile(clawgateHome)) {
            return new ConfigLocation(clawgateHome, "~/.clawgate/clawgate.json5");
        }
        Optional<String> openclaw = env.get("OPENCLAW_CONFIG_PATH");
        if (openclaw.isPresent()) {
            return existing(resolve(openclaw.get()), "OpenClaw config $OPENCLAW_CONFIG_PATH");
        }
        Path openclawHome = env.openClawHome().resolve(".openclaw").resolve("openclaw.json");
        if (Files.isRegularFile(openclawHome)) {
            return new ConfigLocation(openclawHome, "OpenClaw config ~/.openclaw/openclaw.json");
        }
        return new ConfigLocation(null, "built-in default (no config file found; looked at "
                + "~/.clawgate/clawgate.json5 and ~/.openclaw/openclaw.json; $CLAWGATE_CONFIG and "
                + "$OPENCLAW_CONFIG_PATH are not set)");
    }

    /** {@link #locate} then {@link #load}. */
    public LoadedConfig locateAndLoad(Path explicitPath) {
        return load(locate(explicitPath));
    }

    /**
     * Loads the configuration at {@code location}.
     *
     * @throws ConfigException with every error found; warnings go to {@link ClawgateConfig#warnings()}
     */
    public LoadedConfig load(ConfigLocation location) {
        ProblemList problems = new ProblemList();
        IncludeResolver.Layer layer;
        List<Path> files;
        List<Json5Document.DuplicateKey> duplicates;
        if (location.isBuiltIn()) {
            Json5Document doc = Json5Reader.read(builtInText(), SourceMap.BUILT_IN);
            layer = new IncludeResolver.Layer(doc.root(), doc.valuePositions(), doc.keyPositions());
            files = List.of();
            duplicates = doc.duplicateKeys();
        } else {
            IncludeResolver includes = new IncludeResolver(env, problems);
            layer = includes.resolve(location.path());
            files = includes.files();
            duplicates = includes.duplicates();
            if (layer == null) {
                throw new ConfigException(sorted(problems.errors(), files));
            }
        }
        JsonNode root = layer.node();
        SourceMap positions = new SourceMap(layer.values(), layer.keys(), Map.of(), Map.of(), Map.of(), files);
        for (Json5Document.DuplicateKey duplicate : duplicates) {
            problems.add(positions.keyProblem(ConfigProblem.Severity.WARNING, duplicate.path(),
                    "this key is written twice in the same object; the later value is used", null));
        }
        EnvSubstitution substitution = new EnvSubstitution(env.withFallbacks(EnvBlock.variables(root)));
        substitution.applyTo(root, positions, problems);
        SourceMap sources = new SourceMap(layer.values(), layer.keys(), substitution.substitutedVariables(),
                substitution.unresolvedVariables(), substitution.wholeReferences(), files);
        ClawgateConfig bound = ConfigBinder.bind(root, location.path(), new BindContext(sources, problems));
        UnsetVariables.report(sources, strict, problems);
        if (problems.hasErrors()) {
            throw new ConfigException(sorted(problems.errors(), files));
        }
        ClawgateConfig config = new ClawgateConfig(bound.models(), bound.agents(), bound.gateway(), location.path(),
                sorted(problems.warnings(), files), bound.channels(), bound.budgets(), bound.state());
        return new LoadedConfig(config, location, root, sources);
    }

    /** The text of the built-in default configuration. */
    public static String builtInText() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path resolve(String raw) {
        return ConfigFiles.resolve(raw, env.workingDirectory(), env);
    }

    private static ConfigLocation existing(Path path, String reason) {
        if (!Files.isRegularFile(path)) {
            String what = Files.isDirectory(path) ? "is a directory, not a file" : "does not exist";
            throw new ConfigException(List.of(new ConfigProblem(ConfigProblem.Severity.ERROR, path.toString(), 0, 0,
                    null, "the config file named by " + reason + " " + what + ": " + path,
                    "fix the path, or drop " + reason + " to use the default locations")));
        }
        return new ConfigLocation(path, reason);
    }

    /** Problems in reading order: by file (main file first, then includes as read), line, column. */
    private List<ConfigProblem> sorted(List<ConfigProblem> problems, List<Path> files) {
        List<String> order = new ArrayList<>();
        for (Path file : files) {
            order.add(ConfigFiles.display(file, env));
        }
        List<ConfigProblem> out = new ArrayList<>(problems);
        out.sort(Comparator.<ConfigProblem>comparingInt(p -> p.file() == null ? -1 : order.indexOf(p.file()))
                .thenComparingInt(ConfigProblem::line)
                .thenComparingInt(ConfigProblem::column));
        return out;
    }
}
