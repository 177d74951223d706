package dev.clawgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Binds {@code gateway.auth.keys}: each client key's id, token, allowed models, privacy, budget and rate limit.
 * A token is checked here where its value is known (a literal, a {@code sha256:} digest or an already
 * substituted {@code ${VAR}}): too short, the same as another key's or as the gateway token are errors naming
 * the entry; a plain literal is a warning, since the file then holds a usable credential.
 */
final class ClientKeysBinder {

    /** As short as a token may be: 16 characters leave guessing hopeless at any request rate. */
    static final int MIN_TOKEN_LENGTH = 16;

    private static final List<String> KEY_KEYS = List.of("id", "token", "models", "privacy", "budget", "rateLimit");
    private static final List<String> RATE_KEYS = List.of("requestsPerMinute", "tokensPerMinute");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");

    private ClientKeysBinder() {}

    /** @param auth the {@code gateway.auth} object (for the gateway token the keys must differ from) */
    static List<GatewayConfig.ClientKey> bind(ObjectFields auth) {
        JsonNode list = auth.raw("keys");
        if (list == null) {
            return null;
        }
        if (!list.isArray()) {
            auth.ctx().error(auth.pathOf("keys"), "expected a list of keys, found " + JsonTypes.typeName(list),
                    "write keys: [{ id: \"ci\", token: \"${CLAWGATE_KEY_CI}\" }]");
            return null;
        }
        String gatewayDigest = digestOf(auth.raw("token"));
        Map<String, String> ids = new HashMap<>(); // lower-case id -> path of its first use
        Map<String, String> digests = new HashMap<>(); // token digest -> id that has it
        List<GatewayConfig.ClientKey> keys = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ObjectFields k = ObjectFields.of(list.get(i), ConfigPaths.index(auth.pathOf("keys"), i), auth.ctx());
            if (k == null) {
                continue;
            }
            GatewayConfig.ClientKey key = key(k, ids);
            if (key == null) {
                continue;
            }
            String digest = digestOf(k.raw("token"));
            if (digest != null && digest.equals(gatewayDigest)) {
                k.ctx().error(k.pathOf("token"), "key '" + key.id() + "' has the same token as gateway.auth.token",
                        "give every client its own token: run clawgate token --key " + key.id());
            } else if (digest != null && digests.containsKey(digest)) {
                k.ctx().error(k.pathOf("token"), "key '" + key.id() + "' has the same token as key '"
                        + digests.get(digest) + "'", "give every client its own token: run clawgate token --key "
                        + key.id());
            } else if (digest != null) {
                digests.put(digest, key.id());
            }
            keys.add(key);
        }
        return keys;
    }

    private static GatewayConfig.ClientKey key(ObjectFields k, Map<String, String> ids) {
        k.checkKeys(KEY_KEYS);
        boolean complete = k.require("id") & k.require("token");
        String id = k.nonEmptyString("id");
        if (id != null && !ID.matcher(id).matches()) {
            k.ctx().error(k.pathOf("id"), "key id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'",
                    "use a short name such as \"ci\" or \"alice-laptop\"");
            id = null;
        }
        if (id != null) {
            String first = ids.putIfAbsent(id.toLowerCase(Locale.ROOT), k.path());
            if (first != null) {
                k.ctx().error(k.pathOf("id"), "duplicate key id '" + id + "' (also at " + first + ")",
                        "give each key its own id");
                id = null;
            }
        }
        SecretRef token = SecretRefBinder.bind(k, "token");
        checkToken(k, token, id);
        List<String> models = k.stringList("models");
        PrivacyConfig privacy = PrivacyBinder.bind(k, "privacy");
        BudgetsConfig.Budget budget = BudgetsBinder.budget(k);
        GatewayConfig.RateLimit rate = rateLimit(k.object("rateLimit"));
        if (!complete || id == null || token == null) {
            return null;
        }
        return new GatewayConfig.ClientKey(id, token, models, privacy, budget, rate);
    }

    private static void checkToken(ObjectFields k, SecretRef token, String id) {
        String name = id != null ? "key '" + id + "'" : "this key";
        String hint = "run clawgate token --key " + (id != null ? id : "ID") + " and paste the line it prints";
        JsonNode raw = k.raw("token");
        if (token instanceof SecretRef.Literal literal && literal.value().startsWith(GatewayConfig.ClientKey.SHA256_PREFIX)) {
            String hex = literal.value().substring(GatewayConfig.ClientKey.SHA256_PREFIX.length());
            if (!HEX64.matcher(hex).matches()) {
                k.ctx().error(k.pathOf("token"), name + ": a hashed token is \"sha256:\" and 64 hex digits", hint);
            }
            return;
        }
        if (raw != null && raw.isTextual() && !raw.textValue().isEmpty()
                && raw.textValue().strip().length() < MIN_TOKEN_LENGTH) {
            k.ctx().error(k.pathOf("token"), name + ": the token is shorter than " + MIN_TOKEN_LENGTH
                    + " characters", hint);
            return;
        }
        if (token instanceof SecretRef.Literal) {
            k.ctx().warning(k.pathOf("token"), name + ": the token is written in the config in plain text",
                    "store it hashed or as \"${VAR}\": " + hint);
        }
    }

    private static GatewayConfig.RateLimit rateLimit(ObjectFields r) {
        if (r == null) {
            return null;
        }
        r.checkKeys(RATE_KEYS);
        Integer requests = r.intInRange("requestsPerMinute", 1, 1_000_000, "a count from 1 to 1000000");
        Integer tokens = r.intInRange("tokensPerMinute", 1, Integer.MAX_VALUE, "a count of at least 1");
        if (requests == null && tokens == null && !r.has("requestsPerMinute") && !r.has("tokensPerMinute")) {
            r.ctx().error(r.path(), "a rate limit needs a limit", "add requestsPerMinute: 60 or tokensPerMinute: 100000");
            return null;
        }
        return new GatewayConfig.RateLimit(requests, tokens);
    }

    /** The SHA-256 hex of a token as written (after substitution), or the stored digest; null when none. */
    private static String digestOf(JsonNode token) {
        if (token == null || !token.isTextual() || token.textValue().isEmpty()) {
            return null;
        }
        String v = token.textValue();
        if (v.startsWith(GatewayConfig.ClientKey.SHA256_PREFIX)) {
            return v.substring(GatewayConfig.ClientKey.SHA256_PREFIX.length()).toLowerCase(Locale.ROOT);
        }
        return sha256Hex(v.strip());
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
