package dev.clawgate.routing;

import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.StreamEvent;

/** Reads a routed stream to its end (bounded) for router tests. */
final class StreamText {

    private StreamText() {}

    /** The text deltas of {@code stream}, read to the end and closed. */
    static String drain(EventStream stream) {
        StringBuilder text = new StringBuilder();
        try (stream) {
            for (int i = 0; i < 100; i++) {
                StreamEvent e = stream.next();
                if (e == null) {
                    break;
                }
                if (e instanceof StreamEvent.TextDelta t) {
                    text.append(t.text());
                }
            }
        }
        return text.toString();
    }
}
