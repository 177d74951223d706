package dev.clawgate.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * OpenClaw's config schema as key paths and enum values, read from {@code openclaw-schema-paths.txt} and
 * {@code openclaw-schema-values.txt} next to this class (generated from OpenClaw's published JSON schema by
 * {@code scripts/openclaw-configs.sh --paths}). A key or value OpenClaw accepts and Clawgate does not
 * implement loads with a warning, so an existing openclaw.json works unchanged; anything else unknown is an
 * error.
 *
 * <p>Schema paths fold map keys to {@code *} and array indexes to {@code []}:
 * {@code models.providers.*.models[].id}.
 */
final class OpenClawKeys {

    private static final Set<String> PATHS = read("openclaw-schema-paths.txt");
    private static final Set<String> VALUES = read("openclaw-schema-values.txt");
    /** The provider ids OpenClaw bundles, which a config may overlay without a baseUrl or models. */
    private static final Set<String> PROVIDER_OVERLAYS = read("openclaw-provider-overlays.txt");
    /** Every path and every prefix of one, so that a walk can tell "a key here" from "a map here". */
    private static final Set<String> NODES = nodes(PATHS);

    private OpenClawKeys() {}

    /** OpenClaw's legacy agent list, which it migrates to the {@code agents.entries} map before validating. */
    private static final String LEGACY_AGENT_LIST = "agents.list[]";
    private static final String AGENT_ENTRIES = "agents.entries.*";

    /** True when OpenClaw's schema has this path ({@code gateway.auth.trustedProxy.userHeader}). */
    static boolean isOpenClawPath(String schemaPath) {
        return PATHS.contains(current(schemaPath));
    }

    /** True when OpenClaw's schema allows the string {@code value} at this path. */
    static boolean isOpenClawValue(String schemaPath, String value) {
        return VALUES.contains(current(schemaPath) + "=" + value);
    }

    /**
     * True when OpenClaw bundles provider {@code id}, so that {@code models.providers.<id>} may leave out
     * {@code baseUrl} and {@code models} (OpenClaw requires both of any other provider).
     */
    static boolean isBundledProvider(String id) {
        return PROVIDER_OVERLAYS.contains(id.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** The path as OpenClaw's current schema spells it ({@code agents.list[].x} is {@code agents.entries.*.x}). */
    private static String current(String schemaPath) {
        return schemaPath.startsWith(LEGACY_AGENT_LIST + ".")
                ? AGENT_ENTRIES + schemaPath.substring(LEGACY_AGENT_LIST.length()) : schemaPath;
    }

    /** The keys OpenClaw's schema has directly under the object at {@code schemaPath}, sorted. */
    static Set<String> childKeys(String schemaPath) {
        Set<String> out = new TreeSet<>();
        String prefix = schemaPath.isEmpty() ? "" : current(schemaPath) + ".";
        for (String path : PATHS) {
            if (path.startsWith(prefix)) {
                String rest = path.substring(prefix.length());
                int end = rest.indexOf('.');
                String key = end < 0 ? rest : rest.substring(0, end);
                if (!key.equals("*") && !key.contains("[")) {
                    out.add(key);
                }
            }
        }
        return out;
    }

    /** The schema path of member {@code key} of the object at {@code schemaPath}: the key, or {@code *}. */
    static String child(String schemaPath, String key) {
        String literal = schemaPath.isEmpty() ? key : schemaPath + "." + key;
        if (NODES.contains(current(literal))) {
            return literal;
        }
        String map = schemaPath.isEmpty() ? "*" : schemaPath + ".*";
        return NODES.contains(current(map)) ? map : literal;
    }

    /** The schema path of a config path ({@code agents.defaults.models["a/b"].alias} gives ...{@code .*.alias}). */
    static String schemaPath(String jsonPath) {
        String at = "";
        List<String> segments = ConfigPaths.segments(jsonPath);
        for (String segment : segments) {
            boolean index = !segment.isEmpty() && segment.chars().allMatch(Character::isDigit)
                    && jsonPath.contains("[" + segment + "]");
            at = index ? at + "[]" : child(at, segment);
        }
        return at;
    }

    private static Set<String> nodes(Set<String> paths) {
        Set<String> out = new HashSet<>();
        for (String path : paths) {
            for (int i = 0; i < path.length(); i++) {
                char c = path.charAt(i);
                if (c == '.' || c == '[') {
                    out.add(path.substring(0, i));
                }
            }
            out.add(path);
        }
        return Set.copyOf(out);
    }

    private static Set<String> read(String resource) {
        try (InputStream in = OpenClawKeys.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Set<String> out = new HashSet<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).forEach(out::add);
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
