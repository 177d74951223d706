package dev.clawgate.http;

import java.io.IOException;

/**
 * The body stream is not the framing it claims to be (a line longer than any sane event, for instance).
 * The upstream client classifies it as a malformed response (never a network failure).
 */
public final class MalformedStreamException extends IOException {

    public MalformedStreamException(String message) {
        super(message);
    }
}
