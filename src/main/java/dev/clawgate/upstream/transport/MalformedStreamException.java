package dev.clawgate.upstream.transport;

import java.io.IOException;

/**
 * The body stream is not the framing it claims to be (a line longer than any sane event, for instance).
 * {@link FailureClassifier} maps it to {@link dev.clawgate.wire.FailureClass#MALFORMED_RESPONSE}.
 */
public final class MalformedStreamException extends IOException {

    public MalformedStreamException(String message) {
        super(message);
    }
}
