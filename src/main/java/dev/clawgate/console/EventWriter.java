package dev.clawgate.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes Server-Sent Events ({@code event: name\ndata: json\n\n}) and flushes each one, so the page sees
 * it at once. A failed write means the browser went away: {@link #gone()} turns true and later writes are
 * dropped, so a turn that is streaming to a closed tab still completes and is stored.
 */
final class EventWriter {

    private final OutputStream out;
    private volatile boolean gone;

    EventWriter(OutputStream out) {
        this.out = out;
    }

    synchronized void event(String name, JsonNode data) {
        if (gone) {
            return;
        }
        try {
            out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | RuntimeException e) { // Helidon reports a closed socket with its own exceptions
            gone = true;
        }
    }

    boolean gone() {
        return gone;
    }
}
