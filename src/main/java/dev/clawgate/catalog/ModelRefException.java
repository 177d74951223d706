package dev.clawgate.catalog;

import java.util.List;

/** A model reference or alias that resolves to no catalog model, or to more than one. */
public final class ModelRefException extends RuntimeException {

    private final String reference;
    private final List<String> suggestions;
    private final String reason;

    public ModelRefException(String reference, String message, List<String> suggestions) {
        this(reference, message, message, suggestions);
    }

    /**
     * @param reason what is wrong, without the suggestions ({@code unknown model "x"}); the message adds
     *     them for people reading a log line
     */
    public ModelRefException(String reference, String reason, String message, List<String> suggestions) {
        super(message);
        this.reference = reference;
        this.reason = reason;
        this.suggestions = List.copyOf(suggestions);
    }

    /** What is wrong without the suggestions, for messages that show suggestions separately. */
    public String reason() {
        return reason;
    }

    public String reference() {
        return reference;
    }

    /** Nearest known references or aliases, best first. */
    public List<String> suggestions() {
        return suggestions;
    }
}
