package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Binds a credential field: a string, or {@code {source: "env"|"file", id}}. A string written exactly as
 * {@code "${VAR}"} becomes {@link SecretRef.Env} so that status output can say where the key comes from
 * without ever holding it in a literal.
 */
final class SecretRefBinder {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final List<String> KEYS = List.of("source", "id");

    private SecretRefBinder() {}

    static SecretRef bind(ObjectFields parent, String key) {
        JsonNode value = parent.raw(key);
        if (value == null) {
            return null;
        }
        String path = parent.pathOf(key);
        BindContext ctx = parent.ctx();
        if (value.isTextual()) {
            String whole = ctx.sources().wholeReference(path);
            return whole != null ? new SecretRef.Env(whole) : new SecretRef.Literal(value.textValue());
        }
        if (!value.isObject()) {
            ctx.error(path, "expected a string or {source: \"env\"|\"file\", id}, found " + JsonTypes.typeName(value),
                    null);
            return null;
        }
        ObjectFields ref = ObjectFields.of(value, path, ctx);
        ref.checkKeys(KEYS);
        boolean complete = ref.require("source") & ref.require("id");
        String source = ref.oneOf("source", List.of("env", "file"), List.of("exec", "store"));
        String id = ref.nonEmptyString("id");
        if (!complete || source == null || id == null) {
            return null;
        }
        if (source.equals("env")) {
            if (!ENV_NAME.matcher(id).matches()) {
                ctx.error(ref.pathOf("id"), "'" + id + "' is not an environment variable name ([A-Z_][A-Z0-9_]*)",
                        null);
                return null;
            }
            return new SecretRef.Env(id);
        }
        return new SecretRef.File(id);
    }
}
