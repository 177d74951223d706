package dev.clawgate.upstream.codec;

import dev.clawgate.upstream.transport.SseEvent;
import dev.clawgate.wire.StreamEvent;
import java.util.function.Consumer;

/** A {@link StreamDecoder} for APIs that stream server-sent events. */
public interface SseDecoder extends StreamDecoder {

    /**
     * Decodes one event, passing the canonical events it yields to {@code out}.
     *
     * @throws dev.clawgate.wire.UpstreamException for in-stream errors and unreadable frames
     */
    void decode(SseEvent event, Consumer<StreamEvent> out);
}
