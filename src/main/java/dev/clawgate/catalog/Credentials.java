package dev.clawgate.catalog;

import dev.clawgate.config.Environment;
import dev.clawgate.config.SecretRef;
import dev.clawgate.config.SecretResolver;
import java.util.Optional;

/**
 * Finds a provider's credential: the configured {@code apiKey}, else the provider's environment variable,
 * else, for a loopback/LAN endpoint, a placeholder (local servers usually take no key). The explicit
 * config value is tried first because a user who writes a key for a provider means that key; OpenClaw's
 * auth profiles, which rank above both there, do not exist in Clawgate.
 */
final class Credentials {

    /** Where the key came from when a local provider needs none. */
    static final String NOT_NEEDED_LOCAL = "not needed (local)";
    static final String PLACEHOLDER = "placeholder";

    /** A resolved credential: {@code value} may be null (local, none needed); never print it. */
    record Credential(String value, String source) {
        @Override
        public String toString() {
            return "Credential[" + source + "]";
        }
    }

    private Credentials() {}

    /** The credential, or a credential with a null source when the provider has none. */
    static Credential resolve(SecretRef configured, String envVar, String placeholder, boolean local,
            Environment env) {
        if (configured != null) {
            Optional<String> value = SecretResolver.resolve(configured, env);
            if (value.isPresent()) {
                return new Credential(value.get(), configured.describe());
            }
        }
        if (envVar != null) {
            Optional<String> value = env.get(envVar);
            if (value.isPresent()) {
                return new Credential(value.get(), "env:" + envVar);
            }
        }
        if (local) {
            return placeholder != null ? new Credential(placeholder, PLACEHOLDER)
                    : new Credential(null, NOT_NEEDED_LOCAL);
        }
        return new Credential(null, null);
    }
}
