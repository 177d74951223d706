package dev.clawgate.channel;

/** What the inbox does with a message before any agent sees it. */
public enum AccessDecision {
    /** Run a turn and reply. */
    ANSWER,
    /** An unknown sender in a {@code pairing} DM: reply with a pairing code, nothing reaches the agent. */
    PAIR,
    /** Not allowed (allowlist, disabled policy, group not admitted): no reply, one log line. */
    IGNORE,
    /** A group message that does not mention the bot: no reply. */
    NOT_MENTIONED
}
