package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * OpenClaw's {@code env} block: {@code env: { VAR: "value", vars: { VAR: "value" }, shellEnv: {...} }}. Its
 * variables are defaults for {@code ${VAR}} substitution in the config: a variable the process environment or a
 * {@code .env} file sets wins ({@link Environment#withFallbacks}). {@code shellEnv} (importing a login shell's
 * environment) is OpenClaw's and is ignored with a warning.
 */
final class EnvBlock {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvBlock() {}

    /** The variables the block sets, read before substitution: inline ones, then {@code vars} (which win). */
    static Map<String, String> variables(JsonNode root) {
        JsonNode env = root == null ? null : root.get("env");
        Map<String, String> out = new LinkedHashMap<>();
        if (env == null || !env.isObject()) {
            return out;
        }
        env.properties().forEach(e -> {
            if (!e.getKey().equals("vars") && !e.getKey().equals("shellEnv") && e.getValue().isTextual()
                    && NAME.matcher(e.getKey()).matches()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        JsonNode vars = env.get("vars");
        if (vars != null && vars.isObject()) {
            vars.properties().forEach(e -> {
                if (e.getValue().isTextual() && NAME.matcher(e.getKey()).matches()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return out;
    }

    /** Checks the block's shape: every variable a string with a variable's name. */
    static void check(ObjectFields env) {
        if (env == null) {
            return;
        }
        env.ctx().implemented(env.path(), "vars");
        for (String key : env.keys()) {
            if (key.equals("shellEnv")) {
                env.ctx().openClawOnlyKey(env.pathOf(key), key);
            } else if (key.equals("vars")) {
                ObjectFields vars = env.object("vars");
                if (vars != null) {
                    vars.keys().forEach(name -> checkVariable(vars, name));
                }
            } else {
                checkVariable(env, key);
            }
        }
    }

    private static void checkVariable(ObjectFields holder, String name) {
        if (!NAME.matcher(name).matches()) {
            holder.ctx().error(holder.pathOf(name), "\"" + name + "\" is not an environment variable name",
                    "use letters, digits and '_', not starting with a digit (e.g. OPENROUTER_API_KEY)");
        } else if (!holder.raw(name).isTextual()) {
            holder.ctx().error(holder.pathOf(name), "environment variable " + name + " must be a string",
                    "quote the value: " + name + ": \"" + holder.raw(name) + "\"");
        }
    }
}
