package dev.clawgate.agent;

import java.util.Locale;

/**
 * Whether users see the model's reasoning (the agent's {@code reasoning} setting, {@code /reasoning}):
 * {@code OFF} never; {@code ON} as a separate message before the reply; {@code STREAM} live while it is
 * generated, on channels that can show a preview, and not again with the reply.
 */
public enum ReasoningDisplay {
    OFF, ON, STREAM;

    /** Null or blank means {@link #OFF}; unknown values are an error so a typo cannot leak reasoning. */
    public static ReasoningDisplay parse(String value) {
        if (value == null || value.isBlank()) {
            return OFF;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "off", "false", "hidden" -> OFF;
            case "on", "true" -> ON;
            case "stream" -> STREAM;
            default -> throw new IllegalArgumentException("unknown reasoning setting \"" + value
                    + "\" (expected off, on or stream)");
        };
    }
}
