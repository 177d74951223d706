package dev.clawgate.routing;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The answering candidate's stream as the router hands it on: replays the events read while deciding,
 * then passes the upstream through. A failure after the first event is not the router's to fix (the
 * client already has output; the gateway turns it into the protocol's error event), but it is logged and
 * counted against the model's health so the next request does not walk into the same wall.
 */
final class HealthReportingStream implements EventStream {

    private final ArrayDeque<StreamEvent> replay;
    private final EventStream upstream;
    private final ModelSpec model;
    private final CooldownTracker cooldowns;
    private final RoutingLog log;
    private long eventsPassed;
    private boolean reported;

    HealthReportingStream(List<StreamEvent> replay, EventStream upstream, ModelSpec model, CooldownTracker cooldowns,
            RoutingLog log) {
        this.replay = new ArrayDeque<>(replay);
        this.upstream = upstream;
        this.model = model;
        this.cooldowns = cooldowns;
        this.log = log;
    }

    @Override
    public StreamEvent next() {
        StreamEvent event = replay.poll();
        if (event == null) {
            try {
                event = upstream.next();
            } catch (UpstreamException e) {
                report(e.failure(), e.getMessage());
                throw e;
            }
        }
        if (event instanceof StreamEvent.Error error) {
            report(error.failure(), error.message());
        } else if (event != null) {
            eventsPassed++;
        }
        return event;
    }

    @Override
    public void close() {
        upstream.close();
    }

    private void report(FailureClass failure, String message) {
        if (reported) {
            return;
        }
        reported = true;
        FailureClass f = failure != null ? failure : FailureClass.UNKNOWN;
        // The client hanging up says nothing about the model.
        if (f != FailureClass.CLIENT_CANCELLED) {
            cooldowns.recordFailure(model, f, null, null);
        }
        log.midStreamFailure(model.ref(), f, message, eventsPassed);
    }
}
