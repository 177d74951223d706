package dev.clawgate.agent.tools;

import java.util.Locale;
import java.util.Set;

/**
 * The base set of tools an agent may be offered ({@code tools.profile}). {@code allow} and {@code deny}
 * then narrow it; see {@link ToolPolicy}.
 *
 * <p>Clawgate has fewer tools than OpenClaw, so the profiles map to what exists:
 * <ul>
 *   <li>{@code minimal}: no tools at all (OpenClaw's only offers {@code session_status}, which Clawgate lacks).
 *   <li>{@code messaging}: {@code web_fetch} only, never the file tools. OpenClaw's messaging profile carries
 *       the message and session tools; until Clawgate has them, a chat-facing agent may look things up on
 *       the web but can neither read nor change the host's files.
 *   <li>{@code full}: every tool. Also what an unset profile means, as in OpenClaw.
 * </ul>
 */
public enum ToolProfile {
    MINIMAL(Set.of()),
    MESSAGING(Set.of("web_fetch")),
    FULL(null);

    private final Set<String> toolNames;

    ToolProfile(Set<String> toolNames) {
        this.toolNames = toolNames;
    }

    public boolean includes(String toolName) {
        return toolNames == null || toolNames.contains(toolName);
    }

    /**
     * Parses a config value; null or blank means {@link #FULL}.
     *
     * @throws IllegalArgumentException for an unknown profile, so a typo never silently widens access
     */
    public static ToolProfile parse(String value) {
        if (value == null || value.isBlank()) {
            return FULL;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "minimal" -> MINIMAL;
            case "messaging" -> MESSAGING;
            case "full" -> FULL;
            // OpenClaw's coding profile is files + runtime; Clawgate has no runtime tools, so it is everything.
            case "coding" -> FULL;
            default -> throw new IllegalArgumentException("unknown tools.profile \"" + value
                    + "\" (expected minimal, messaging, coding or full)");
        };
    }
}
