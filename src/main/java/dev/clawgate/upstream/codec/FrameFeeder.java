package dev.clawgate.upstream.codec;

import dev.clawgate.wire.StreamEvent;
import java.io.IOException;
import java.util.function.Consumer;

/** Reads the next frame of a body and decodes it. */
@FunctionalInterface
public interface FrameFeeder {

    /**
     * Reads and decodes one frame.
     *
     * @return false when the call has ended (terminal frame decoded, or end of body and decoder finished)
     * @throws IOException when reading the body fails; the transport classifies it
     */
    boolean feed(Consumer<StreamEvent> out) throws IOException;
}
