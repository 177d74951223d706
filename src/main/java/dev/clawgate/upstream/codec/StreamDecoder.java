package dev.clawgate.upstream.codec;

import dev.clawgate.wire.StreamEvent;
import java.util.function.Consumer;

/**
 * Turns one upstream's frames into canonical events. A decoder holds the state of one call (open tool
 * calls, held-back text, usage seen so far) and is used by one thread.
 */
public interface StreamDecoder {

    /** True once the upstream's terminal frame has been decoded; nothing more needs to be read. */
    boolean isComplete();

    /**
     * The body ended. Emits whatever was held back, or throws
     * {@link dev.clawgate.wire.FailureClass#STREAM_INTERRUPTED} when the terminal frame never came.
     */
    void finish(Consumer<StreamEvent> out);
}
