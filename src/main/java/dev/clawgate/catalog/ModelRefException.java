package dev.clawgate.catalog;

import java.util.List;

/** A model reference or alias that resolves to no catalog model, or to more than one. */
public final class ModelRefException extends RuntimeException {

    private final String reference;
    private final List<String> suggestions;

    public ModelRefException(String reference, String message, List<String> suggestions) {
        super(message);
        this.reference = reference;
        this.suggestions = List.copyOf(suggestions);
    }

    public String reference() {
        return reference;
    }

    /** Nearest known references or aliases, best first. */
    public List<String> suggestions() {
        return suggestions;
    }
}
