package dev.clawgate.routing;

/**
 * What a local server said about a model when asked (cheaply, without running it).
 *
 * @param detail a short human description for logs and attempts
 */
public record LoadState(Kind kind, String detail) {

    public enum Kind {
        /** The server answered and the model is loaded: expect a prompt answer. */
        LOADED,
        /** The server answered and the model is not loaded (or is loading): a cold start, wait the full timeout. */
        NOT_LOADED,
        /** The server answered but the answer says nothing about the model (unknown server, no list). */
        UNKNOWN,
        /** Nothing listens there: move on at once. */
        REFUSED,
        /** Something accepted the connection but did not answer a trivial request in time: hung, move on. */
        NOT_ANSWERING
    }

    /** True when the router should not even send the request. */
    public boolean dead() {
        return kind == Kind.REFUSED || kind == Kind.NOT_ANSWERING;
    }

    public static LoadState of(Kind kind, String detail) {
        return new LoadState(kind, detail);
    }
}
