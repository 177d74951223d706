package dev.clawgate.upstream.transport;

import java.io.IOException;

/** A body read after the response was closed by its owner (Clawgate's client went away). */
public final class ResponseClosedException extends IOException {

    public ResponseClosedException() {
        super("the response was closed by the caller");
    }
}
