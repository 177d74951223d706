package dev.clawgate.console;

/** A request the API refuses, with the HTTP status and a message that names what to fix. */
final class ConsoleApiException extends RuntimeException {

    private final int status;

    ConsoleApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
