package dev.clawgate.routing;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.ledger.Ledger;
import dev.clawgate.ledger.LedgerEntry;
import dev.clawgate.upstream.WireMeter;
import dev.clawgate.usage.CostCalculator;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.Usage;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the router's upstream contacts into ledger entries: one per request the router sends (a retry after a
 * short 429 is a second contact). The transport counts the bytes through {@link Contact} (a {@link WireMeter});
 * the entry is recorded once the contact is over: failed, or its stream ended or was closed, so that the
 * usage the upstream reported at the end is in it.
 */
final class ContactLedger {

    private final Ledger ledger;
    private final Clock clock;

    ContactLedger(Ledger ledger, Clock clock) {
        this.ledger = ledger != null ? ledger : Ledger.NONE;
        this.clock = clock;
    }

    Contact begin(ModelSpec model, RouteOptions options, String kind) {
        return new Contact(model, options, kind, clock.instant());
    }

    /** One contact: counts bytes as the transport reports them, recorded once. */
    final class Contact implements WireMeter {

        private final ModelSpec model;
        private final RouteOptions options;
        private final String kind;
        private final Instant started;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong received = new AtomicLong();
        private final AtomicBoolean recorded = new AtomicBoolean();

        private Contact(ModelSpec model, RouteOptions options, String kind, Instant started) {
            this.model = model;
            this.options = options;
            this.kind = kind;
            this.started = started;
        }

        @Override
        public void sent(long bytes) {
            sent.addAndGet(bytes);
        }

        @Override
        public void received(long bytes) {
            received.addAndGet(bytes);
        }

        void failed(FailureClass failure) {
            finish(failure == FailureClass.CLIENT_CANCELLED ? "cancelled"
                    : failure != null ? failure.label() : FailureClass.UNKNOWN.label(), null);
        }

        void answered(Usage usage) {
            finish("ok", usage);
        }

        /** The answering stream, recorded when it ends, fails or is closed. */
        EventStream watch(EventStream rest, StreamEvent first) {
            return new Watched(rest, first);
        }

        private void finish(String outcome, Usage usage) {
            if (!recorded.compareAndSet(false, true)) {
                return;
            }
            Usage u = usage != null ? usage : Usage.ZERO;
            ledger.record(new LedgerEntry(started, options.requestId(), options.agentId(), options.keyId(), kind,
                    model.provider().id(), hostPort(model.provider().baseUrl()), model.provider().region(), model.ref(),
                    sent.get(), received.get(), u.totalInputTokens(), u.outputTokens(),
                    CostCalculator.totalUsd(u, model.cost()), outcome));
        }

        private final class Watched implements EventStream {

            private final EventStream upstream;
            private Usage usage;
            private String outcome = "cancelled";

            Watched(EventStream upstream, StreamEvent first) {
                this.upstream = upstream;
                observe(first);
            }

            private void observe(StreamEvent event) {
                switch (event) {
                    case StreamEvent.UsageReport u -> usage = u.usage();
                    case StreamEvent.Stop s -> outcome = "ok";
                    case StreamEvent.Error e -> outcome = e.failure() != null ? e.failure().label() : "error";
                    case null, default -> { }
                }
            }

            @Override
            public StreamEvent next() {
                StreamEvent event;
                try {
                    event = upstream.next();
                } catch (RuntimeException e) {
                    finish(e instanceof dev.clawgate.wire.UpstreamException u && u.failure() != null
                            ? u.failure().label() : FailureClass.UNKNOWN.label(), usage);
                    throw e;
                }
                observe(event);
                if (event == null) {
                    finish("cancelled".equals(outcome) ? "ok" : outcome, usage);
                }
                return event;
            }

            @Override
            public void close() {
                try {
                    upstream.close();
                } finally {
                    finish(outcome, usage);
                }
            }
        }
    }

    /** Base URL to {@code host:port}: a handful of providers' URLs, parsed once each rather than per call. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> HOST_PORTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code host:port} of a base URL, the port filled in from the scheme. */
    static String hostPort(String baseUrl) {
        if (baseUrl == null) {
            return "null";
        }
        String known = HOST_PORTS.get(baseUrl);
        if (known != null) {
            return known;
        }
        if (HOST_PORTS.size() > 1024) { // config reloads could add URLs forever; the cache only saves parsing
            HOST_PORTS.clear();
        }
        String parsed = parseHostPort(baseUrl);
        HOST_PORTS.put(baseUrl, parsed);
        return parsed;
    }

    private static String parseHostPort(String baseUrl) {
        try {
            URI uri = URI.create(baseUrl);
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return (uri.getHost() != null ? uri.getHost() : baseUrl) + ":" + port;
        } catch (IllegalArgumentException e) {
            return String.valueOf(baseUrl);
        }
    }
}
