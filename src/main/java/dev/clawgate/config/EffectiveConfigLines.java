package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The effective configuration as one line per value with where it was written, secrets redacted: every
 * path {@link ConfigPaths#isSecret} names (a SecretRef object whole) and, as a second line of defence, any
 * value equal to a known credential (a key pasted into an unexpected field). Shared by
 * {@code clawgate config show} and the Control UI.
 */
public final class EffectiveConfigLines {

    public static final String REDACTED = "<redacted>";

    /**
     * @param path the JSON path ({@code gateway.auth.token})
     * @param value the value as JSON text, or {@code "<redacted>"}
     * @param origin {@code file:line:col} or {@link SourceMap#BUILT_IN}
     */
    public record Line(String path, String value, String origin) {}

    private EffectiveConfigLines() {}

    /** @param knownSecrets resolved credential values that must never be shown, wherever they appear */
    public static List<Line> of(LoadedConfig loaded, Set<String> knownSecrets) {
        List<Line> out = new ArrayList<>();
        walk(loaded.effective(), "", loaded.sources(), knownSecrets, out);
        return out;
    }

    private static void walk(JsonNode node, String path, SourceMap sources, Set<String> knownSecrets, List<Line> out) {
        if (!path.isEmpty() && ConfigPaths.isSecret(path)) {
            out.add(new Line(path, "\"" + REDACTED + "\"", sources.origin(path)));
            return;
        }
        if (node.isObject() && !node.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(field.getValue(), ConfigPaths.child(path, field.getKey()), sources, knownSecrets, out);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), ConfigPaths.index(path, i), sources, knownSecrets, out);
            }
        } else if (node.isTextual() && knownSecrets.contains(node.asText())) {
            out.add(new Line(path, "\"" + REDACTED + "\"", sources.origin(path)));
        } else if (node.isTextual() && RedisUrls.hasPassword(node.asText())) { // redis://:password@host
            out.add(new Line(path, new com.fasterxml.jackson.databind.node.TextNode(
                    RedisUrls.withoutPassword(node.asText())).toString(), sources.origin(path)));
        } else {
            out.add(new Line(path, node.toString(), sources.origin(path)));
        }
    }
}
