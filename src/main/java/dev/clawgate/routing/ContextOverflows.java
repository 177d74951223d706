package dev.clawgate.routing;

import java.util.OptionalInt;

/**
 * The numbers in a context-overflow message, for callers outside routing (the agent runtime learns a
 * server's real window from them and quotes them to the user). Either may be missing.
 */
public final class ContextOverflows {

    private ContextOverflows() {}

    /** The window the server says it has, e.g. 4096 from vLLM's "maximum context length is 4096 tokens". */
    public static OptionalInt window(String message) {
        return ContextOverflowDetails.parse(message).window();
    }

    /** The tokens the server says the request needed (prompt plus requested completion, where it adds them). */
    public static OptionalInt requested(String message) {
        return ContextOverflowDetails.parse(message).requested();
    }
}
