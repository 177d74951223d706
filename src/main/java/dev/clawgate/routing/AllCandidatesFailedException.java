package dev.clawgate.routing;

import java.util.List;
import java.util.stream.Collectors;

/** Every candidate of a chain failed or was skipped. The message lists each attempt. */
public final class AllCandidatesFailedException extends RuntimeException {

    private final List<Attempt> attempts;

    public AllCandidatesFailedException(List<Attempt> attempts) {
        super("All models failed (" + attempts.size() + "): "
                + attempts.stream().map(Attempt::summary).collect(Collectors.joining(" | ")));
        this.attempts = List.copyOf(attempts);
    }

    public List<Attempt> attempts() {
        return attempts;
    }
}
