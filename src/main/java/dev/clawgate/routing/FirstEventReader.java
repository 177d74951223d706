package dev.clawgate.routing;

import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the part of a candidate's stream that decides whether it answers: everything up to and including
 * its first content event, or, for a caller that answers only when the response is complete, all of it.
 *
 * <p>Reading past {@link StreamEvent.Start} matters: Responses and Messages servers send their start
 * frame at once and only then report overload or overflow, and a failure there can still fail over
 * because nothing has reached the client. An {@link StreamEvent.Error} in what is read is a failure of
 * the candidate; a stream that ends in its head is an empty response ({@code MALFORMED_RESPONSE}). A
 * whole response is bounded in size: an upstream that never ends would otherwise be collected until the
 * call's deadline, in memory.
 *
 * <p>The read runs on the caller's thread (no hop). The adapter's transport enforces the connect,
 * first-event, idle and deadline limits; a guard of the router's own ({@link CoarseTimer}: no thread per
 * call) closes the stream and interrupts the read when it passes, so that an adapter that fails to time out
 * cannot hang a request (OpenClaw waited 15 minutes on a hung local server). Interrupting the caller (the
 * client went away) cancels the read: a blocked socket read of a virtual thread fails at once.
 */
final class FirstEventReader {

    /** The first event and the events read after it that the caller must replay. */
    record Head(StreamEvent first, List<StreamEvent> rest) {}

    private FirstEventReader() {}

    /** Reads the head: the first event, and the one after it when the first is the start frame. */
    static Head read(EventStream stream, Duration guard, String modelRef) {
        return guarded(stream, guard, () -> readHead(stream));
    }

    /** Reads the whole response, failing as the candidate's failure when it exceeds {@code maxWeight}. */
    static Head readWhole(EventStream stream, Duration guard, String modelRef, long maxWeight) {
        return guarded(stream, guard, () -> readAll(stream, maxWeight));
    }

    private static Head guarded(EventStream stream, Duration guard, java.util.function.Supplier<Head> reader) {
        Thread reading = Thread.currentThread();
        CoarseTimer.Timeout timeout = CoarseTimer.SHARED.schedule(guard, () -> {
            stream.close();
            reading.interrupt(); // wakes a read the close did not reach (an adapter blocked elsewhere)
        });
        Head head;
        try {
            head = reader.get();
        } catch (RuntimeException e) {
            if (!timeout.cancel()) {
                throw guardExpired(guard);
            }
            if (reading.isInterrupted()) { // the client went away: whatever the read reports, it was cancelled
                throw new UpstreamException(FailureClass.CLIENT_CANCELLED, 0, "request cancelled", null, e);
            }
            if (e instanceof UpstreamException ue) {
                throw ue;
            }
            // An adapter bug is still this candidate's failure; the next one may work.
            throw new UpstreamException(FailureClass.UNKNOWN, 0, "adapter failed: " + e, null, e);
        }
        if (!timeout.cancel()) {
            throw guardExpired(guard);
        }
        return head;
    }

    /** The guard closed the stream and interrupted this thread: the interrupt was for the read, not the caller. */
    private static UpstreamException guardExpired(Duration guard) {
        Thread.interrupted();
        return new UpstreamException(FailureClass.FIRST_BYTE_TIMEOUT, 0,
                "no first event within " + guard.toMillis() + " ms (router guard)", null, null);
    }

    private static Head readHead(EventStream stream) {
        StreamEvent first = stream.next();
        failIfBad(first, "stream ended before any event");
        if (!(first instanceof StreamEvent.Start)) {
            return new Head(first, List.of());
        }
        StreamEvent second = stream.next();
        failIfBad(second, "stream ended after its start, before any content");
        return new Head(first, List.of(second));
    }

    private static Head readAll(EventStream stream, long maxWeight) {
        Head head = readHead(stream);
        List<StreamEvent> rest = new ArrayList<>(head.rest());
        long weight = weight(head.first()) + rest.stream().mapToLong(FirstEventReader::weight).sum();
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
            if (e instanceof StreamEvent.Error error) {
                FailureClass failure = error.failure() != null ? error.failure() : FailureClass.UNKNOWN;
                throw new UpstreamException(failure, error.message());
            }
            weight += weight(e);
            if (weight > maxWeight) {
                throw new UpstreamException(FailureClass.MALFORMED_RESPONSE, "the response grew past "
                        + maxWeight / (1024 * 1024) + " MiB before it ended; a non-streaming answer is collected"
                        + " in memory, so an upstream that does not stop is cut off");
            }
            rest.add(e);
        }
        return new Head(head.first(), List.copyOf(rest));
    }

    /** Roughly what an event costs to hold: its text, plus a little for the event itself. */
    static long weight(StreamEvent e) {
        int text = switch (e) {
            case StreamEvent.TextDelta t -> length(t.text());
            case StreamEvent.ReasoningDelta r -> length(r.text());
            case StreamEvent.ReasoningSignature s -> length(s.signature());
            case StreamEvent.ToolCallDelta d -> length(d.argumentsFragment());
            case StreamEvent.ToolCallStart s -> length(s.name()) + length(s.id());
            case StreamEvent.Error err -> length(err.message());
            default -> 0;
        };
        return 32L + 2L * text;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static void failIfBad(StreamEvent event, String whenEmpty) {
        if (event == null) {
            throw new UpstreamException(FailureClass.MALFORMED_RESPONSE, "empty response: " + whenEmpty);
        }
        if (event instanceof StreamEvent.Error error) {
            FailureClass failure = error.failure() != null ? error.failure() : FailureClass.UNKNOWN;
            throw new UpstreamException(failure, error.message());
        }
    }
}
