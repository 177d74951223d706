package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object of the config being bound, with typed getters that report a positioned problem for a
 * value of the wrong type or range and return null (absent) for it, so binding goes on and every problem
 * is found in one pass.
 */
final class ObjectFields {

    private final ObjectNode node;
    private final String path;
    private final BindContext ctx;

    private ObjectFields(ObjectNode node, String path, BindContext ctx) {
        this.node = node;
        this.path = path;
        this.ctx = ctx;
    }

    /** The object at {@code path}, or null (reported) when {@code value} is not an object. */
    static ObjectFields of(JsonNode value, String path, BindContext ctx) {
        if (value instanceof ObjectNode object) {
            return new ObjectFields(object, path, ctx);
        }
        ctx.error(path, "expected an object, found " + JsonTypes.describe(value, path), null);
        return null;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return ConfigPaths.child(path, key);
    }

    ObjectNode node() {
        return node;
    }

    BindContext ctx() {
        return ctx;
    }

    boolean has(String key) {
        return node.has(key);
    }

    JsonNode raw(String key) {
        return node.get(key);
    }

    List<String> keys() {
        return EnvSubstitution.fieldNames(node);
    }

    /**
     * Reports every key not in {@code known}: a warning for one OpenClaw's schema has here (Clawgate ignores
     * it), else an error with a "did you mean" among Clawgate's and OpenClaw's keys.
     */
    void checkKeys(List<String> known) {
        checkKeys(known, Set.of());
    }

    /** As {@link #checkKeys(List)}, with {@code openClawOnly} as further keys OpenClaw accepts here. */
    void checkKeys(List<String> known, Set<String> openClawOnly) {
        known.forEach(k -> ctx.implemented(path, k));
        String schemaPath = OpenClawKeys.schemaPath(path);
        for (String key : keys()) {
            if (known.contains(key)) {
                continue;
            }
            if (openClawOnly.contains(key) || OpenClawKeys.isOpenClawPath(OpenClawKeys.child(schemaPath, key))) {
                ctx.openClawOnlyKey(pathOf(key), key);
            } else {
                List<String> candidates = new ArrayList<>(known);
                OpenClawKeys.childKeys(schemaPath).stream().filter(k -> !candidates.contains(k))
                        .forEach(candidates::add);
                ctx.unknownKey(pathOf(key), key, known, candidates);
            }
        }
    }

    /** Reports a missing required key at this object. */
    boolean require(String key) {
        if (node.has(key)) {
            return true;
        }
        ctx.error(path, "missing required key '" + key + "'", null);
        return false;
    }

    ObjectFields object(String key) {
        JsonNode value = node.get(key);
        return value == null ? null : of(value, pathOf(key), ctx);
    }

    String string(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            wrongType(key, "a string");
            return null;
        }
        return value.textValue();
    }

    String nonEmptyString(String key) {
        String value = string(key);
        if (value != null && value.isBlank()) {
            ctx.error(pathOf(key), "must not be empty", null);
            return null;
        }
        return value;
    }

    Boolean bool(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            wrongType(key, "true or false");
            return null;
        }
        return value.booleanValue();
    }

    Integer positiveInt(String key) {
        return intInRange(key, 1, Integer.MAX_VALUE, "a positive integer");
    }

    Integer nonNegativeInt(String key) {
        return intInRange(key, 0, Integer.MAX_VALUE, "an integer of 0 or more");
    }

    Integer intInRange(String key, long min, long max, String expected) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        boolean integral = value.isIntegralNumber()
                || (value.isFloatingPointNumber() && Double.isFinite(value.doubleValue())
                        && value.doubleValue() == Math.rint(value.doubleValue()));
        if (!integral) {
            wrongType(key, expected);
            return null;
        }
        double number = value.doubleValue();
        if (number < min || number > max) {
            ctx.error(pathOf(key), "expected " + expected + ", found " + JsonTypes.describe(value), null);
            return null;
        }
        return value.intValue();
    }

    Double nonNegativeNumber(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            wrongType(key, "a number");
            return null;
        }
        if (value.doubleValue() < 0) {
            ctx.error(pathOf(key), "expected a number of 0 or more, found " + JsonTypes.describe(value), null);
            return null;
        }
        return value.doubleValue();
    }

    /**
     * A string from {@code allowed}, else null: a value OpenClaw accepts ({@code openClawOnly} or in its
     * schema) is a warning that Clawgate ignores it, anything else an error.
     */
    String oneOf(String key, List<String> allowed, List<String> openClawOnly) {
        String value = string(key);
        if (value == null || allowed.contains(value)) {
            return value;
        }
        ctx.badEnumValue(pathOf(key), value, allowed, openClawOnly);
        return null;
    }

    /**
     * A string from {@code allowed}, or one OpenClaw accepts that Clawgate cannot honour ({@code openClawOnly}
     * or in its schema): that one is kept, with a warning saying {@code consequence}, so that validation
     * passes and whatever acts on it refuses with a precise reason. Anything else is an error; null then.
     */
    String openClawValue(String key, List<String> allowed, List<String> openClawOnly, String consequence) {
        String value = string(key);
        if (value == null || allowed.contains(value)) {
            return value;
        }
        if (BindContext.isOpenClawValue(pathOf(key), value, openClawOnly)) {
            ctx.warning(pathOf(key), "OpenClaw value '" + value + "' is not supported by Clawgate: " + consequence,
                    null);
            return value;
        }
        ctx.badEnumValue(pathOf(key), value, allowed, List.of());
        return null;
    }

    /** A list of strings, or null; a bad element is reported and left out. */
    List<String> stringList(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            wrongType(key, "a list of strings");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String elementPath = ConfigPaths.index(pathOf(key), i);
            if (!element.isTextual()) {
                ctx.error(elementPath, "expected a string, found " + JsonTypes.describe(element, elementPath), null);
            } else {
                out.add(element.textValue());
            }
        }
        return out;
    }

    /** An object whose values are all strings (headers), or null. */
    Map<String, String> stringMap(String key) {
        ObjectFields map = object(key);
        if (map == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : map.keys()) {
            JsonNode value = map.raw(name);
            if (value.isTextual()) {
                out.put(name, value.textValue());
            } else {
                String valuePath = map.pathOf(name);
                ctx.error(valuePath, "expected a string, found " + JsonTypes.describe(value, valuePath),
                        value.isObject() ? "use \"${VAR}\" to take a header value from the environment" : null);
            }
        }
        return out;
    }

    /** Any object, kept as written (params, compat). */
    ObjectNode anyObject(String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            wrongType(key, "an object");
            return null;
        }
        return object.deepCopy();
    }

    private void wrongType(String key, String expected) {
        String valuePath = pathOf(key);
        ctx.error(valuePath, "expected " + expected + ", found " + JsonTypes.describe(node.get(key), valuePath),
                null);
    }
}
