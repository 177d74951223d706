package dev.clawgate.agent.store;

/**
 * A turn's write was refused because a later turn lease claimed the session: the session's stored fence is
 * above this turn's (or equal to it, for a second claim with the same fence). Nothing of the refused write was
 * stored; the later holder's writes stand.
 */
public final class SessionTakenOverException extends SessionStoreException {

    private final String sessionKey;
    private final long storedFence;
    private final long fence;

    SessionTakenOverException(String sessionKey, long storedFence, long fence) {
        super("session " + sessionKey + " was taken over by another instance (fence " + storedFence
                + (storedFence > fence ? " > " : " >= ") + fence + "); this turn's writes were refused");
        this.sessionKey = sessionKey;
        this.storedFence = storedFence;
        this.fence = fence;
    }

    public String sessionKey() {
        return sessionKey;
    }

    /** The fence of the holder that took the session over. */
    public long storedFence() {
        return storedFence;
    }

    /** The fence of the refused write. */
    public long fence() {
        return fence;
    }
}
