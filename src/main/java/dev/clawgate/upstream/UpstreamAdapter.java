package dev.clawgate.upstream;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EventStream;

/** Calls one kind of upstream API. Implementations are stateless and thread-safe. */
public interface UpstreamAdapter {

    /** The {@code api} value this adapter serves ({@code openai-responses}, ...). */
    String api();

    /**
     * Starts a streaming call and returns its events. Returns without waiting for the upstream: connection
     * and first-byte failures surface from the first {@link EventStream#next()} as classified
     * {@link dev.clawgate.wire.UpstreamException}s, so the caller decides when to wait.
     */
    EventStream open(ChatRequest request, ModelSpec model, CallOptions options);
}
