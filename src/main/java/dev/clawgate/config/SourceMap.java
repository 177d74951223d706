package dev.clawgate.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each value of the effective configuration came from: file, line and column (pointing into an
 * included file for included values) and which {@code ${VAR}}s were substituted into it. Lets any layer
 * report a problem about a config value at the place the user wrote it.
 */
public final class SourceMap {

    /** The file name positions in the built-in default carry. */
    public static final String BUILT_IN = "built-in default";

    private final Map<String, SourcePosition> values;
    private final Map<String, SourcePosition> keys;
    private final Map<String, List<String>> substitutedVariables;
    private final Map<String, List<String>> unresolved;
    private final Map<String, String> wholeReferences;
    private final List<Path> files;

    SourceMap(Map<String, SourcePosition> values, Map<String, SourcePosition> keys,
            Map<String, List<String>> substitutedVariables, Map<String, List<String>> unresolved,
            Map<String, String> wholeReferences, List<Path> files) {
        this.values = Map.copyOf(values);
        this.keys = Map.copyOf(keys);
        this.substitutedVariables = Map.copyOf(substitutedVariables);
        this.unresolved = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unresolved));
        this.wholeReferences = Map.copyOf(wholeReferences);
        this.files = List.copyOf(files);
    }

    /** Where the value at {@code jsonPath} starts, if that path exists. */
    public Optional<SourcePosition> at(String jsonPath) {
        return Optional.ofNullable(values.get(jsonPath));
    }

    /** Where the key of the member at {@code jsonPath} is written (object members only). */
    public Optional<SourcePosition> keyAt(String jsonPath) {
        return Optional.ofNullable(keys.get(jsonPath));
    }

    /**
     * A short human description of where the value came from: {@code "examples/x.json5:12"},
     * {@code "${ANTHROPIC_API_KEY} in x.json5:14"} or {@code "built-in default"}.
     */
    public String origin(String jsonPath) {
        SourcePosition position = nearest(jsonPath);
        if (position == null) {
            return "unknown";
        }
        if (position.file().equals(BUILT_IN)) {
            return BUILT_IN;
        }
        String place = position.file() + ":" + position.line();
        List<String> variables = substitutedVariables.get(jsonPath);
        if (variables == null || variables.isEmpty()) {
            return place;
        }
        return String.join(", ", variables.stream().map(v -> "${" + v + "}").toList()) + " in " + place;
    }

    /** An error about the value at {@code jsonPath}, positioned there (or at its nearest written parent). */
    public ConfigProblem error(String jsonPath, String message, String hint) {
        return problem(ConfigProblem.Severity.ERROR, nearest(jsonPath), jsonPath, message, hint);
    }

    /** A warning about the value at {@code jsonPath}, positioned like {@link #error}. */
    public ConfigProblem warning(String jsonPath, String message, String hint) {
        return problem(ConfigProblem.Severity.WARNING, nearest(jsonPath), jsonPath, message, hint);
    }

    /** Every file read, the main one first then included ones (what a reloader should watch). */
    public List<Path> files() {
        return files;
    }

    /** A problem about a member's key (an unknown or misspelt key), positioned at the key. */
    ConfigProblem keyProblem(ConfigProblem.Severity severity, String jsonPath, String message, String hint) {
        SourcePosition position = keys.get(jsonPath);
        return problem(severity, position != null ? position : nearest(jsonPath), jsonPath, message, hint);
    }

    /** True when the value holds a {@code ${VAR}} that could not be substituted (already reported). */
    boolean isUnresolved(String jsonPath) {
        return unresolved.containsKey(jsonPath);
    }

    /**
     * The environment variables that were not set, by the path of the value referencing them, for values
     * at or under {@code prefix}, in file order.
     */
    public Map<String, List<String>> unresolvedVariables(String prefix) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        unresolved.forEach((path, names) -> {
            if (ConfigPaths.isWithin(path, prefix)) {
                out.put(path, names);
            }
        });
        return out;
    }

    /** The variable name when the value was written exactly as {@code "${NAME}"}, else null. */
    String wholeReference(String jsonPath) {
        return wholeReferences.get(jsonPath);
    }

    /** The variables substituted into the value at {@code jsonPath} (empty when none). */
    List<String> substitutedVariables(String jsonPath) {
        return substitutedVariables.getOrDefault(jsonPath, List.of());
    }

    private SourcePosition nearest(String jsonPath) {
        String path = jsonPath;
        while (true) {
            SourcePosition position = values.get(path);
            if (position != null || path.isEmpty()) {
                return position;
            }
            path = ConfigPaths.parent(path);
        }
    }

    private static ConfigProblem problem(ConfigProblem.Severity severity, SourcePosition position, String path,
            String message, String hint) {
        if (position == null) {
            return new ConfigProblem(severity, null, 0, 0, path, message, hint);
        }
        return new ConfigProblem(severity, position.file(), position.line(), position.column(), path, message,
                hint);
    }
}
