package dev.clawgate.agent;

import java.util.List;

/** A message named an agent the configuration does not have. */
public final class UnknownAgentException extends RuntimeException {

    private final List<String> available;

    public UnknownAgentException(String requested, List<String> available) {
        super("unknown agent \"" + requested + "\"; agents: " + String.join(", ", available));
        this.available = List.copyOf(available);
    }

    public List<String> available() {
        return available;
    }
}
