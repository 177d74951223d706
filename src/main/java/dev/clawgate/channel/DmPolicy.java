package dev.clawgate.channel;

import java.util.Locale;

/** {@code dmPolicy}: who may talk to the agent in a direct chat. */
public enum DmPolicy {
    /** Unknown senders get a pairing code; the operator approves them. The default. */
    PAIRING,
    /** Only {@code allowFrom} (and approved pairings); others are ignored. */
    ALLOWLIST,
    /** Everyone, when {@code allowFrom} holds {@code "*"}. */
    OPEN,
    /** No direct chats at all. */
    DISABLED;

    static DmPolicy of(String value) {
        return value == null ? PAIRING : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
