package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} substitution in string values, as OpenClaw does it: only names matching
 * {@code [A-Z_][A-Z0-9_]*}, {@code $${VAR}} stays a literal {@code ${VAR}}, and bare {@code $VAR} is not
 * expanded (a whole value that looks like one gets a warning, because it is a classic cause of 401s).
 */
final class EnvSubstitution {

    private static final Pattern REFERENCE = Pattern.compile("\\$?\\$\\{([A-Z_][A-Z0-9_]*)}");
    private static final Pattern BARE_REFERENCE = Pattern.compile("\\$([A-Z_][A-Z0-9_]*)");

    /** One string after substitution. {@code missing} lists the variables that were not set. */
    record Result(String value, List<String> used, List<String> missing) {}

    private final Environment env;
    private final Map<String, List<String>> substituted = new HashMap<>();
    private final Map<String, List<String>> unresolved = new java.util.LinkedHashMap<>();
    private final Map<String, String> wholeReferences = new HashMap<>();

    EnvSubstitution(Environment env) {
        this.env = env;
    }

    /** Substitutes into one string; a missing variable's reference is left as written. */
    Result substitute(String raw) {
        Matcher m = REFERENCE.matcher(raw);
        StringBuilder out = new StringBuilder();
        List<String> used = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (m.group().startsWith("$$")) {
                replacement = "${" + name + "}";
            } else {
                replacement = env.get(name).orElse(null);
                if (replacement == null) {
                    missing.add(name);
                    replacement = m.group();
                } else {
                    used.add(name);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return new Result(out.toString(), used, missing);
    }

    /** Substitutes into every string value of {@code root} in place, reporting missing variables. */
    void applyTo(JsonNode root, SourceMap positions, ProblemList problems) {
        walk(root, "", positions, problems);
    }

    Map<String, List<String>> substitutedVariables() {
        return substituted;
    }

    /** Values written exactly as {@code "${NAME}"} (and substituted), by path. */
    Map<String, String> wholeReferences() {
        return wholeReferences;
    }

    /** The variables that were not set, by the path of the value that references them, in file order. */
    Map<String, List<String>> unresolvedVariables() {
        return unresolved;
    }

    private void walk(JsonNode node, String path, SourceMap positions, ProblemList problems) {
        if (node instanceof ObjectNode object) {
            for (String name : fieldNames(object)) {
                JsonNode replaced = visit(object.get(name), ConfigPaths.child(path, name), positions, problems);
                if (replaced != null) {
                    object.set(name, replaced);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode replaced = visit(array.get(i), ConfigPaths.index(path, i), positions, problems);
                if (replaced != null) {
                    array.set(i, replaced);
                }
            }
        }
    }

    static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The replacement for a text node, or null when the node stays as it is. */
    private JsonNode visit(JsonNode node, String path, SourceMap positions, ProblemList problems) {
        if (!node.isTextual()) {
            walk(node, path, positions, problems);
            return null;
        }
        String raw = node.textValue();
        if (BARE_REFERENCE.matcher(raw).matches()) {
            String name = raw.substring(1);
            problems.add(positions.warning(path, "the value is the literal text $" + name
                    + "; only ${" + name + "} is replaced by the environment variable",
                    "write \"${" + name + "}\""));
        }
        if (raw.indexOf("${") < 0) {
            return null;
        }
        Result result = substitute(raw);
        if (!result.used().isEmpty()) {
            substituted.put(path, result.used());
            if (raw.equals("${" + result.used().get(0) + "}")) {
                wholeReferences.put(path, result.used().get(0));
            }
        }
        if (!result.missing().isEmpty()) {
            // reported by the loader once it knows whether the value is needed now (an error) or not
            unresolved.put(path, result.missing());
            if (raw.equals("${" + result.missing().get(0) + "}")) {
                wholeReferences.put(path, result.missing().get(0));
            }
        }
        return result.value().equals(raw) ? null : TextNode.valueOf(result.value());
    }

    static ConfigProblem missingVariable(SourceMap positions, String path, String name) {
        return positions.error(path, missingMessage(name), missingHint(name));
    }

    static String missingMessage(String name) {
        return "environment variable " + name + " is not set (referenced as ${" + name + "})";
    }

    static String missingHint(String name) {
        return "export " + name + "=... or put " + name + "=... in .env or ~/.clawgate/.env";
    }
}
