package dev.clawgate.routing;

import dev.clawgate.budget.Budgets;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.ledger.Ledger;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.UpstreamAdapter;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs a request on the first candidate of its chain that produces a first event.
 *
 * <p>Per candidate, in chain order: drop it if it is outside the call's data policy (a region the
 * {@code privacy} setting does not admit: {@link DataPolicyGate}); skip it
 * while it cools down (free: no connection, no wait) unless this request is its half-open probe; open it
 * with call limits from its provider; read the head of its stream. A failure whose class advances the
 * fallback is recorded, cools the model or provider down, and the next candidate is tried at once: no
 * same-model retry storm (OpenClaw retried a local HTTP 500 for 64 s). The exceptions: a 429 whose
 * {@code Retry-After} is at most two seconds is waited out and retried once; a context overflow moves on
 * only to a candidate with a larger window (a smaller one fails worse); a bad request or a cancelled
 * client stops the chain.
 *
 * <p>A caller that answers only with the complete response ({@link RouteOptions#wholeResponse()}, a
 * non-streaming client) has nothing sent until then, so the whole response of a candidate is read before
 * it is chosen: a stream that breaks, times out or reports an error anywhere fails over like one that never
 * started, and one that does not end is cut off at {@link #DEFAULT_MAX_WHOLE_RESPONSE}.
 *
 * <p>With {@link Budgets}, a priced candidate is contacted only once its worst-case cost is reserved
 * against every budget that applies; one that does not fit is skipped without contact. A budget that says
 * {@code local-only} lets the chain go on, where free (local) models always fit; one that says {@code refuse}
 * lets it go on only to priced candidates that fit (a cheaper hosted model), never degrading to a free one,
 * and the call fails with {@link BudgetExceededException} when none is left. The reservation is settled to the real cost when
 * the answering stream ends, and released when the candidate fails.
 *
 * <p>When every candidate fails, {@link AllCandidatesFailedException} lists every attempt, also when
 * there was only one: one shape for the gateway to map, and the summary names the model, which a bare
 * upstream error would not.
 */
public final class FailoverRouter implements ModelRouter {

    /**
     * A response collected whole for a non-streaming client may hold at most this much (about twice its
     * characters, see {@link FirstEventReader#weight}); beyond it the upstream is presumed never to end.
     */
    public static final long DEFAULT_MAX_WHOLE_RESPONSE = 16L * 1024 * 1024;

    /** A 429 asking for at most this long is waited out and retried once on the same model. */
    public static final Duration SHORT_RETRY_AFTER = Duration.ofSeconds(2);

    private final ChainResolver resolver;
    // package-private: each call's ChainWalk reads them
    final Function<String, UpstreamAdapter> adapters;
    final CooldownTracker cooldowns;
    final Clock clock;
    private final CallOptions baseOptions;
    final LoadProbe loadProbe;
    final Sleeper sleeper;
    private final Duration guardGrace;
    final long maxWholeResponse;
    final Budgets budgets;
    final ContactLedger contacts;
    final RoutingLog log = new RoutingLog();
    private final RoutingListeners listeners = new RoutingListeners();

    public FailoverRouter(ChainResolver resolver, Function<String, UpstreamAdapter> adapters,
            CooldownTracker cooldowns, Clock clock) {
        this(builder(resolver, adapters).cooldowns(cooldowns).clock(clock));
    }

    private FailoverRouter(Builder b) {
        this.resolver = Objects.requireNonNull(b.resolver);
        this.adapters = Objects.requireNonNull(b.adapters);
        this.clock = b.clock;
        this.cooldowns = b.cooldowns != null ? b.cooldowns : new CooldownTracker(b.clock);
        this.baseOptions = b.baseOptions;
        this.loadProbe = b.loadProbe;
        this.sleeper = b.sleeper;
        this.guardGrace = b.guardGrace;
        this.maxWholeResponse = b.maxWholeResponse;
        this.budgets = b.budgets;
        this.contacts = new ContactLedger(b.ledger, b.clock);
    }

    public static Builder builder(ChainResolver resolver, Function<String, UpstreamAdapter> adapters) {
        return new Builder(resolver, adapters);
    }

    public CooldownTracker cooldowns() {
        return cooldowns;
    }

    /** Where every upstream contact is recorded (shared with the embeddings router). */
    ContactLedger contacts() {
        return contacts;
    }

    /** Adds an observer of every decision from now on (the Control UI's live feed). */
    public void addListener(RoutingListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    @Override
    public RoutedStream open(ChatRequest request, RouteOptions options) {
        RouteOptions opts = options != null ? options : RouteOptions.DEFAULT;
        List<ModelSpec> chain = resolver.candidates(request.model(), opts);
        if (chain == null || chain.isEmpty()) {
            throw new UnknownModelException(request.model(), "No model configured for '" + request.model() + "'",
                    List.of());
        }
        if (chain.get(0).isEmbedding()) {
            throw new UpstreamException(FailureClass.BAD_REQUEST, 400, "model '" + chain.get(0).ref()
                    + "' is an embedding model (kind: \"embedding\"): send it to POST /v1/embeddings, or name a chat"
                    + " model", null, null);
        }
        // an embedding model in a fallback list cannot answer a chat request: it never joins a chat chain
        chain = chain.stream().filter(m -> !m.isEmbedding()).toList();
        ChainWalk walk = new ChainWalk(this, request, opts, List.copyOf(chain));
        return listeners.observe(clock, request.model(), opts, walk::run, walk::attempts);
    }

    /** The call limits for one candidate: the base limits with its provider's first-event and idle timeouts. */
    CallOptions callOptionsFor(ModelSpec model) {
        CallOptions options = baseOptions;
        Duration firstByte = model.provider().firstByteTimeout();
        if (firstByte != null && firstByte.isPositive()) {
            options = options.withFirstByteTimeout(firstByte);
        }
        Duration idle = model.provider().idleTimeout();
        if (idle != null && idle.isPositive()) {
            options = options.withIdleTimeout(idle);
        }
        return options;
    }

    /** A backstop above the adapter's own limits for the head read: connect + first byte + one idle gap. */
    Duration guard(CallOptions o) {
        return o.connectTimeout().plus(o.firstByteTimeout()).plus(o.idleTimeout()).plus(guardGrace);
    }

    /**
     * The backstop for reading a whole response: connect, then the call's deadline (the transport's own
     * end-to-end limit; the default one when the call has none), and never less than the head guard.
     */
    Duration wholeGuard(CallOptions o) {
        Duration deadline = o.deadline() != null && o.deadline().isPositive() ? o.deadline()
                : CallOptions.DEFAULT.deadline();
        Duration whole = o.connectTimeout().plus(deadline).plus(guardGrace);
        return whole.compareTo(guard(o)) > 0 ? whole : guard(o);
    }

    /** {@code cooling down for 24s after rate-limit}; provider-wide keys name the provider. */
    String coolingMessage(CooldownState blocked) {
        Instant now = clock.instant();
        String key = blocked.key();
        String what = key.endsWith("/*") ? "provider " + key.substring(0, key.length() - 2) + " " : "";
        String reason = blocked.reason() != null ? blocked.reason().label() : "failure";
        if (!blocked.coolingAt(now)) {
            return what + "recovery probe in flight after " + reason;
        }
        long seconds = (blocked.remainingAt(now).toMillis() + 999) / 1000;
        return what + "cooling down for " + seconds + "s after " + reason;
    }

    /** Optional parts; everything has a working default. */
    public static final class Builder {

        private final ChainResolver resolver;
        private final Function<String, UpstreamAdapter> adapters;
        private CooldownTracker cooldowns;
        private Clock clock = Clock.systemUTC();
        private CallOptions baseOptions = CallOptions.DEFAULT;
        private LoadProbe loadProbe;
        private Sleeper sleeper = Sleeper.REAL;
        private Duration guardGrace = Duration.ofSeconds(2);
        private long maxWholeResponse = DEFAULT_MAX_WHOLE_RESPONSE;
        private Budgets budgets;
        private Ledger ledger;

        private Builder(ChainResolver resolver, Function<String, UpstreamAdapter> adapters) {
            this.resolver = resolver;
            this.adapters = adapters;
        }

        /** Shared with {@code models status}; defaults to a fresh tracker on the builder's clock. */
        public Builder cooldowns(CooldownTracker tracker) {
            this.cooldowns = tracker;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** Connect, idle and deadline limits; the first-byte limit comes from each candidate's provider. */
        public Builder callOptions(CallOptions options) {
            this.baseOptions = Objects.requireNonNull(options);
            return this;
        }

        /** Asks local servers whether they are alive and the model loaded before calling them; off when null. */
        public Builder loadProbe(LoadProbe probe) {
            this.loadProbe = probe;
            return this;
        }

        public Builder sleeper(Sleeper s) {
            this.sleeper = Objects.requireNonNull(s);
            return this;
        }

        /** Slack of the router's own head-read guard above the adapter's limits. */
        public Builder guardGrace(Duration grace) {
            this.guardGrace = Objects.requireNonNull(grace);
            return this;
        }

        /** The size bound of a response collected whole (see {@link #DEFAULT_MAX_WHOLE_RESPONSE}). */
        public Builder maxWholeResponse(long weight) {
            this.maxWholeResponse = weight;
            return this;
        }

        /** Spending budgets checked before each priced candidate is contacted; none when null. */
        public Builder budgets(Budgets b) {
            this.budgets = b;
            return this;
        }

        /** The data-flow ledger every upstream contact is recorded in; none when null. */
        public Builder ledger(Ledger l) {
            this.ledger = l;
            return this;
        }

        public FailoverRouter build() {
            return new FailoverRouter(this);
        }
    }
}
