package dev.clawgate.state;

/** The state database failed: unreachable, refused a statement, or has a schema this Clawgate does not know. */
public class StateDatabaseException extends RuntimeException {

    public StateDatabaseException(String message) {
        super(message);
    }

    public StateDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
