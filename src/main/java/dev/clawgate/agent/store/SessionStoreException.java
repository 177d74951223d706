package dev.clawgate.agent.store;

/** The session store could not do what was asked (I/O, a locked or corrupt database, an unknown session). */
public class SessionStoreException extends RuntimeException {

    public SessionStoreException(String message) {
        super(message);
    }

    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
