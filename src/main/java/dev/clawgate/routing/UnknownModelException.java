package dev.clawgate.routing;

import java.util.List;

/** A requested model names nothing Clawgate knows. {@code available} lists what could be asked for. */
public final class UnknownModelException extends RuntimeException {

    private final String requested;
    private final List<String> available;

    public UnknownModelException(String requested, String message, List<String> available) {
        super(message);
        this.requested = requested;
        this.available = List.copyOf(available);
    }

    public String requested() {
        return requested;
    }

    public List<String> available() {
        return available;
    }
}
