package dev.clawgate.routing;

import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the head of a candidate's stream: everything up to and including its first content event.
 *
 * <p>Reading past {@link StreamEvent.Start} matters: Responses and Messages servers send their start
 * frame at once and only then report overload or overflow, and a failure there can still fail over
 * because nothing has reached the client. An {@link StreamEvent.Error} in the head is a failure of the
 * candidate; a stream that ends in its head is an empty response ({@code MALFORMED_RESPONSE}).
 *
 * <p>The adapter's transport enforces the connect and first-byte timeouts. The read also runs under a
 * guard of its own (on a virtual thread), so that an adapter that fails to time out cannot hang a
 * request: OpenClaw waited 15 minutes on a hung local server.
 */
final class FirstEventReader {

    /** The first event and the events read after it that the caller must replay. */
    record Head(StreamEvent first, List<StreamEvent> rest) {}

    private FirstEventReader() {}

    static Head read(EventStream stream, Duration guard, String modelRef) {
        FutureTask<Head> task = new FutureTask<>(() -> readHead(stream));
        Thread.ofVirtual().name("first-event " + modelRef).start(task);
        try {
            return task.get(Math.max(1, guard.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stream.close();
            task.cancel(true);
            throw new UpstreamException(FailureClass.FIRST_BYTE_TIMEOUT, 0,
                    "no first event within " + guard.toMillis() + " ms (router guard)", null, null);
        } catch (InterruptedException e) {
            stream.close();
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new UpstreamException(FailureClass.CLIENT_CANCELLED, 0, "request cancelled", null, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UpstreamException ue) {
                throw ue;
            }
            // An adapter bug is still this candidate's failure; the next one may work.
            throw new UpstreamException(FailureClass.UNKNOWN, 0, "adapter failed: " + cause, null, cause);
        }
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
