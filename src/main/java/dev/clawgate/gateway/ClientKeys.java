package dev.clawgate.gateway;

import dev.clawgate.config.Environment;
import dev.clawgate.config.GatewayConfig;
import dev.clawgate.config.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The client keys of {@code gateway.auth.keys} as the running gateway checks them: each token only as its
 * SHA-256 digest (a {@code ${VAR}} is resolved and hashed once, a {@code sha256:} entry is the digest itself),
 * so the plain token is never held. Immutable: a reload builds a new one.
 */
public final class ClientKeys {

    public static final ClientKeys NONE = new ClientKeys(List.of());

    /** One key: its id, its token's digest and its config (models, privacy, budget, rate limit). */
    record Key(String id, byte[] digest, GatewayConfig.ClientKey config) {}

    private final List<Key> keys;

    private ClientKeys(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * Resolves every key's token.
     *
     * @throws GatewayStartException when a key's {@code ${VAR}} is unset or empty: the key would be unusable, and
     *     starting without it would hide the mistake
     */
    public static ClientKeys resolve(List<GatewayConfig.ClientKey> configured, Environment env) {
        List<Key> keys = new ArrayList<>();
        for (GatewayConfig.ClientKey k : configured) {
            String stored = k.storedDigest();
            byte[] digest;
            if (stored != null) {
                digest = HexFormat.of().parseHex(stored);
            } else {
                Optional<String> token = SecretResolver.resolve(k.token(), env).map(String::strip)
                        .filter(t -> !t.isEmpty());
                if (token.isEmpty()) {
                    throw new GatewayStartException("gateway.auth.keys: key '" + k.id() + "' has no token ("
                            + k.token().describe() + " is unset or empty). Set it, or store the token hashed:"
                            + " clawgate token --key " + k.id());
                }
                digest = sha256(token.get());
            }
            keys.add(new Key(k.id(), digest, k));
        }
        return new ClientKeys(keys);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The configured ids, in file order (the only values the metrics' {@code key} label takes). */
    public List<String> ids() {
        return keys.stream().map(Key::id).toList();
    }

    /**
     * The key whose token has this digest, or null. Every key is compared, in constant time each, whether or
     * not one already matched, so the answer's timing says nothing about which key or how many.
     */
    Key match(byte[] presentedDigest) {
        Key found = null;
        for (Key k : keys) {
            if (MessageDigest.isEqual(k.digest(), presentedDigest) && found == null) {
                found = k;
            }
        }
        return found;
    }

    /** The key with this id, or null (a key revoked by a reload while its request was in flight). */
    Key byId(String id) {
        if (id == null) {
            return null;
        }
        for (Key k : keys) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        return null;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
