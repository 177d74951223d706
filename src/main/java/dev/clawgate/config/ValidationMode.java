package dev.clawgate.config;

/**
 * What a configuration is checked for, which decides how a value that is needed now but cannot be had
 * (an unset {@code ${VAR}} for the gateway's own credentials or for a provider of the default chain) is
 * reported. OpenClaw resolves variables when a value is used, so a config that names one not set on this
 * machine is still a valid config; only starting the gateway needs it.
 */
public enum ValidationMode {
    /** {@code clawgate config validate}: a warning saying {@code clawgate gateway} will refuse to start. */
    VALIDATE,
    /** {@code clawgate gateway} and its reloads: an error, so the gateway refuses to start (or to reload). */
    START,
    /** {@code clawgate config validate --strict}: every unset variable is an error, needed now or not. */
    STRICT;

    /** True when a value needed to start must be present for the config to pass. */
    public boolean needsStartValues() {
        return this != VALIDATE;
    }

    /** The sentence a {@link #VALIDATE} warning ends with for a variable needed to start. */
    public static String refusesToStart(String variable) {
        return "`clawgate gateway` will refuse to start until " + variable + " is set";
    }
}
