package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a config file and expands {@code $include}s, OpenClaw's way: {@code "$include": "./x.json5"} or a
 * list of paths replaces the object holding it; listed files are deep-merged in order (objects merge
 * recursively, the later value wins, arrays are replaced); sibling keys are merged last and win; paths are
 * relative to the including file; at most {@value #MAX_DEPTH} levels.
 *
 * <p>Positions travel with the values: a value that came from an included file points into that file.
 */
final class IncludeResolver {

    static final int MAX_DEPTH = 10;
    static final String INCLUDE = "$include";

    /** A subtree with the positions of everything in it, keyed by absolute JSON path. */
    record Layer(JsonNode node, Map<String, SourcePosition> values, Map<String, SourcePosition> keys) {}

    private final Environment env;
    private final EnvSubstitution substitution;
    private final ProblemList problems;
    private final List<Path> files = new ArrayList<>();
    private final List<Json5Document.DuplicateKey> duplicates = new ArrayList<>();

    IncludeResolver(Environment env, ProblemList problems) {
        this.env = env;
        this.substitution = new EnvSubstitution(env);
        this.problems = problems;
    }

    /** The expanded tree of {@code file}, or null when it could not be read or parsed (reported). */
    Layer resolve(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return load(absolute, "", List.of(absolute));
    }

    /** The main file and every included file, in the order read. */
    List<Path> files() {
        return List.copyOf(files);
    }

    /** Keys written twice in one object, with absolute paths. */
    List<Json5Document.DuplicateKey> duplicates() {
        return List.copyOf(duplicates);
    }

    private Layer load(Path file, String at, List<Path> chain) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file.toString(), 0, 0, null,
                    "config file not found: " + file, null));
            return null;
        } catch (IOException e) {
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file.toString(), 0, 0, null,
                    "cannot read config file " + file + ": " + e.getClass().getSimpleName(), null));
            return null;
        }
        Json5Document doc;
        try {
            doc = Json5Reader.read(text, ConfigFiles.display(file, env));
        } catch (Json5SyntaxException e) {
            problems.add(e.toProblem());
            return null;
        }
        files.add(file);
        for (Json5Document.DuplicateKey d : doc.duplicateKeys()) {
            duplicates.add(new Json5Document.DuplicateKey(ConfigPaths.join(at, d.path()), d.position()));
        }
        return expand(doc.root(), "", doc, at, file, chain);
    }

    private Layer expand(JsonNode node, String rel, Json5Document doc, String abs, Path file, List<Path> chain) {
        if (node instanceof ObjectNode object && object.has(INCLUDE)) {
            return expandInclude(object, rel, doc, abs, file, chain);
        }
        Map<String, SourcePosition> values = new HashMap<>();
        Map<String, SourcePosition> keys = new HashMap<>();
        putIfKnown(values, abs, doc.valuePositions().get(rel));
        if (node instanceof ObjectNode object) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String name : EnvSubstitution.fieldNames(object)) {
                String childRel = ConfigPaths.child(rel, name);
                String childAbs = ConfigPaths.child(abs, name);
                Layer child = expand(object.get(name), childRel, doc, childAbs, file, chain);
                out.set(name, child.node());
                values.putAll(child.values());
                keys.putAll(child.keys());
                putIfKnown(keys, childAbs, doc.keyPositions().get(childRel));
            }
            return new Layer(out, values, keys);
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < array.size(); i++) {
                Layer child = expand(array.get(i), ConfigPaths.index(rel, i), doc, ConfigPaths.index(abs, i),
                        file, chain);
                out.add(child.node());
                values.putAll(child.values());
                keys.putAll(child.keys());
            }
            return new Layer(out, values, keys);
        }
        return new Layer(node, values, keys);
    }

    private Layer expandInclude(ObjectNode object, String rel, Json5Document doc, String abs, Path file,
            List<Path> chain) {
        String includeRel = ConfigPaths.child(rel, INCLUDE);
        String includeAbs = ConfigPaths.child(abs, INCLUDE);
        JsonNode spec = object.get(INCLUDE);
        List<String> targets = new ArrayList<>();
        List<String> targetRels = new ArrayList<>();
        if (spec.isTextual()) {
            targets.add(spec.textValue());
            targetRels.add(includeRel);
        } else if (spec.isArray() && allTextual(spec)) {
            for (int i = 0; i < spec.size(); i++) {
                targets.add(spec.get(i).textValue());
                targetRels.add(ConfigPaths.index(includeRel, i));
            }
        } else {
            problems.add(problemAt(doc, includeRel, includeAbs, "$include must be a file path or a list of file"
                    + " paths, found " + JsonTypes.describe(spec), null));
        }
        ObjectNode siblings = object.deepCopy();
        siblings.remove(INCLUDE);
        boolean mustBeObjects = targets.size() > 1 || !siblings.isEmpty();
        Layer merged = null;
        for (int i = 0; i < targets.size(); i++) {
            Layer included = include(targets.get(i), targetRels.get(i), doc, abs, includeAbs, file, chain);
            if (included == null) {
                continue;
            }
            if (mustBeObjects && !included.node().isObject()) {
                problems.add(problemAt(doc, targetRels.get(i), includeAbs, "the included file must contain an"
                        + " object to be merged here, found " + JsonTypes.describe(included.node()), null));
                continue;
            }
            merged = merged == null ? included : merge(merged, included, abs);
        }
        Layer result;
        if (siblings.isEmpty()) {
            result = merged != null ? merged
                    : new Layer(JsonNodeFactory.instance.objectNode(), new HashMap<>(), new HashMap<>());
        } else {
            Layer own = expand(siblings, rel, doc, abs, file, chain);
            result = merged == null ? own : merge(merged, own, abs);
        }
        Map<String, SourcePosition> values = new HashMap<>(result.values());
        putIfKnown(values, abs, doc.valuePositions().get(rel));
        return new Layer(result.node(), values, result.keys());
    }

    private Layer include(String raw, String targetRel, Json5Document doc, String abs, String includeAbs,
            Path file, List<Path> chain) {
        EnvSubstitution.Result substituted = substitution.substitute(raw);
        if (!substituted.missing().isEmpty()) {
            for (String name : substituted.missing()) {
                problems.add(problemAt(doc, targetRel, includeAbs, "environment variable " + name
                        + " is not set (referenced as ${" + name + "})", "export " + name + "=... or put "
                        + name + "=... in .env or ~/.clawgate/.env"));
            }
            return null;
        }
        Path target = ConfigFiles.resolve(substituted.value(), file.getParent(), env);
        List<Path> newChain = new ArrayList<>(chain);
        newChain.add(target);
        if (chain.contains(target)) {
            problems.add(problemAt(doc, targetRel, includeAbs, "include cycle: " + describeChain(newChain), null));
            return null;
        }
        if (chain.size() > MAX_DEPTH) {
            problems.add(problemAt(doc, targetRel, includeAbs, "includes are nested more than " + MAX_DEPTH
                    + " levels deep: " + describeChain(newChain), null));
            return null;
        }
        if (!Files.exists(target)) {
            problems.add(problemAt(doc, targetRel, includeAbs, "included file not found: " + target,
                    "paths are relative to the including file " + ConfigFiles.display(file, env)));
            return null;
        }
        return load(target, abs, List.copyOf(newChain));
    }

    /** Deep merge: objects merge recursively, anything else (arrays included) is replaced by {@code over}. */
    static Layer merge(Layer base, Layer over, String path) {
        if (!(base.node() instanceof ObjectNode baseObject) || !(over.node() instanceof ObjectNode overObject)) {
            return over;
        }
        ObjectNode out = baseObject.deepCopy();
        Map<String, SourcePosition> values = new HashMap<>(base.values());
        Map<String, SourcePosition> keys = new HashMap<>(base.keys());
        mergeInto(out, overObject, path, values, keys, over);
        return new Layer(out, values, keys);
    }

    private static void mergeInto(ObjectNode target, ObjectNode source, String path,
            Map<String, SourcePosition> values, Map<String, SourcePosition> keys, Layer over) {
        for (String name : EnvSubstitution.fieldNames(source)) {
            String childPath = ConfigPaths.child(path, name);
            JsonNode existing = target.get(name);
            JsonNode incoming = source.get(name);
            if (existing instanceof ObjectNode existingObject && incoming instanceof ObjectNode incomingObject) {
                mergeInto(existingObject, incomingObject, childPath, values, keys, over);
                putIfKnown(keys, childPath, over.keys().get(childPath));
            } else {
                target.set(name, incoming.deepCopy());
                values.keySet().removeIf(p -> ConfigPaths.isWithin(p, childPath));
                keys.keySet().removeIf(p -> ConfigPaths.isWithin(p, childPath));
                over.values().forEach((p, pos) -> {
                    if (ConfigPaths.isWithin(p, childPath)) {
                        values.put(p, pos);
                    }
                });
                over.keys().forEach((p, pos) -> {
                    if (ConfigPaths.isWithin(p, childPath)) {
                        keys.put(p, pos);
                    }
                });
            }
        }
    }

    private String describeChain(List<Path> chain) {
        return chain.stream().map(p -> ConfigFiles.display(p, env)).collect(Collectors.joining(" -> "));
    }

    private static ConfigProblem problemAt(Json5Document doc, String rel, String abs, String message, String hint) {
        SourcePosition p = doc.valuePositions().get(rel);
        return new ConfigProblem(ConfigProblem.Severity.ERROR, p.file(), p.line(), p.column(), abs, message, hint);
    }

    private static boolean allTextual(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static void putIfKnown(Map<String, SourcePosition> map, String path, SourcePosition position) {
        if (position != null) {
            map.put(path, position);
        }
    }
}
