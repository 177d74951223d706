package dev.clawgate.gateway;

import dev.clawgate.wire.StreamEvent;

/**
 * Turns canonical events into one API's SSE frames. Called by one thread at a time; the caller flushes
 * after each call.
 */
public interface StreamEncoder {

    /** Encodes one event. {@link StreamEvent.Error} never reaches this (it arrives as {@link #onFailure}). */
    void onEvent(StreamEvent event, SseSink sink);

    /** The upstream ended normally: close open blocks, send the stop reason, usage and the end marker. */
    void onEnd(SseSink sink);

    /** The upstream failed after the client got bytes: end with the API's own error event. */
    void onFailure(ApiError error, SseSink sink);

    /** Nothing was sent for a while: keep intermediaries from timing the connection out. */
    default void keepAlive(SseSink sink) {
        sink.comment("keep-alive");
    }
}
