package dev.clawgate.channel;

/** A one-to-one chat with the bot, or a group the bot is a member of. */
public enum ChatType {
    DIRECT("dm"),
    GROUP("group");

    private final String keyPart;

    ChatType(String keyPart) {
        this.keyPart = keyPart;
    }

    /** The session key segment: {@code dm} or {@code group}. */
    public String keyPart() {
        return keyPart;
    }
}
