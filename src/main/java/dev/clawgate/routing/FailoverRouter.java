package dev.clawgate.routing;

import dev.clawgate.budget.BudgetRefusal;
import dev.clawgate.budget.Budgets;
import dev.clawgate.budget.WorstCase;
import dev.clawgate.catalog.BuiltinProviders;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.ledger.Ledger;
import dev.clawgate.ledger.LedgerEntry;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.UpstreamAdapter;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
    private final Function<String, UpstreamAdapter> adapters;
    private final CooldownTracker cooldowns;
    private final Clock clock;
    private final CallOptions baseOptions;
    private final LoadProbe loadProbe;
    private final Sleeper sleeper;
    private final Duration guardGrace;
    private final long maxWholeResponse;
    private final Budgets budgets;
    private final ContactLedger contacts;
    private final RoutingLog log = new RoutingLog();
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
        Walk walk = new Walk(request, opts, List.copyOf(chain));
        return listeners.observe(clock, request.model(), opts, walk::run, () -> walk.attempts);
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

    /** The state of one {@link #open} call: the chain, the attempts so far, what an overflow ruled out. */
    private final class Walk {

        private final ChatRequest request;
        private final RouteOptions options;
        private final List<ModelSpec> chain;
        private final List<Attempt> attempts = new ArrayList<>();
        private final OverflowConstraint overflow = new OverflowConstraint();
        private final ClientRetryAfter retryAfter = new ClientRetryAfter();
        private long promptTokens = -1;
        private BudgetRefusal budgetRefusal;
        private boolean refusedByBudget; // a "refuse" budget skipped a candidate: free ones no longer answer
        private boolean anyContacted;

        Walk(ChatRequest request, RouteOptions options, List<ModelSpec> chain) {
            this.request = request;
            this.options = options;
            this.chain = chain;
        }

        RoutedStream run() {
            if (DataPolicyGate.blocksAll(options.dataPolicy(), chain)) {
                throw DataPolicyGate.blocked(options.dataPolicy(), chain, attempts, "model");
            }
            List<Integer> cooling = new ArrayList<>();
            boolean contacted = false;
            for (int i = 0; i < chain.size(); i++) {
                ModelSpec model = chain.get(i);
                String outside = DataPolicyGate.skipMessage(options.dataPolicy(), model);
                if (outside != null) {
                    skip(i, null, outside);
                    continue;
                }
                if (refusedByBudget && model.cost().isFree()) {
                    // "refuse" means fail rather than degrade; only a priced model that fits may still answer
                    log.skipped(model.ref(), i + 1, chain.size(), "budget says refuse: not degrading to a free model",
                            nextRef(i));
                    continue;
                }
                if (model.unusableReason() != null) {
                    skip(i, FailureClass.AUTH, model.unusableReason() + ": not contacted");
                    continue;
                }
                if (!model.provider().authAvailable()) {
                    // a hosted provider without a key would only answer 401, after receiving the prompt
                    skip(i, FailureClass.AUTH, "no API key for " + model.provider().id() + ": not contacted (set "
                            + BuiltinProviders.apiKeyEnv(model.provider().id()) + " or models.providers."
                            + model.provider().id() + ".apiKey)");
                    continue;
                }
                if (overflow.active() && !overflow.admits(model)) {
                    skip(i, FailureClass.CONTEXT_OVERFLOW, "context window " + model.effectiveContextWindow()
                            + " is not larger than the one that overflowed (" + overflow.window() + ")");
                    continue;
                }
                CooldownTracker.Admission admission = cooldowns.admit(model);
                if (!admission.allowed()) {
                    CooldownState blocked = admission.blockedBy();
                    skip(i, blocked.reason(), coolingMessage(blocked));
                    cooling.add(i);
                    continue;
                }
                contacted = true;
                RoutedStream answer = tryCandidate(i, admission);
                if (answer != null) {
                    return answer;
                }
            }
            if (!contacted && !cooling.isEmpty()) {
                RoutedStream answer = lastResort(cooling);
                if (answer != null) {
                    return answer;
                }
            }
            if (budgetRefusal != null && !anyContacted) {
                throw new BudgetExceededException(budgetRefusal, attempts);
            }
            throw new AllCandidatesFailedException(attempts,
                    retryAfter.advise(chain, m -> allowedByPrivacy(m) && m.provider().authAvailable(), cooldowns,
                            clock.instant()));
        }


        /**
         * Every candidate was cooling and none was contacted. Skipping them all would turn one blip of a
         * single-model setup into minutes of refusals (OpenClaw issue #22136), so the candidate whose cooldown
         * ends first is tried as a probe, unless its upstream asked for quiet with Retry-After or a probe is
         * already in flight.
         */
        private RoutedStream lastResort(List<Integer> cooling) {
            List<Integer> bySoonest = new ArrayList<>(cooling);
            bySoonest.sort(Comparator.comparing(i -> soonestUntil(chain.get(i))));
            for (int i : bySoonest) {
                Optional<CooldownTracker.Admission> admission = cooldowns.admitLastResort(chain.get(i));
                if (admission.isPresent()) {
                    // one entry per contact: the probe replaces the "skipped" this model got in the first pass
                    String ref = chain.get(i).ref();
                    attempts.removeIf(a -> a.skipped() && a.modelRef().equals(ref));
                    return tryCandidate(i, admission.get());
                }
            }
            return null;
        }

        private Instant soonestUntil(ModelSpec model) {
            return cooldowns.state(CooldownTracker.modelKey(model))
                    .or(() -> cooldowns.state(CooldownTracker.providerKey(model.provider().id())))
                    .map(CooldownState::until).orElse(Instant.MAX);
        }

        /**
         * Reserves the candidate's worst case, then tries it. Returns the routed stream, or null to move on;
         * throws when the chain must stop.
         */
        private RoutedStream tryCandidate(int index, CooldownTracker.Admission admission) {
            ModelSpec model = chain.get(index);
            Budgets.Reservation reservation = null;
            // only a priced call under a budget holds money; usage of every call is in the data-flow ledger
            if (budgets != null && !model.cost().isFree() && budgets.any()) {
                BigDecimal worstCase = WorstCase.cost(model, request, promptTokens());
                Budgets.Decision decision = budgets.reserve(options.agentId(), options.keyId(), model.cost(), worstCase);
                if (decision instanceof Budgets.Refused refused) {
                    cooldowns.release(admission);
                    overBudget(index, refused.refusal());
                    return null;
                }
                reservation = ((Budgets.Granted) decision).reservation();
            }
            anyContacted = true;
            RoutedStream answer = null;
            try {
                answer = contact(index, admission, reservation);
                return answer;
            } finally {
                if (answer == null && reservation != null) {
                    reservation.release();
                }
            }
        }

        private long promptTokens() {
            if (promptTokens < 0) {
                promptTokens = TokenEstimator.shared().estimatePromptTokens(request);
            }
            return promptTokens;
        }

        /**
         * Skips a candidate whose worst case does not fit. A {@code refuse} budget does not end the chain here: a
         * cheaper priced candidate later in it may still fit; the call fails only when none did.
         */
        private void overBudget(int index, BudgetRefusal refusal) {
            ModelSpec model = chain.get(index);
            String message = "over budget: " + refusal.describe() + "; not contacted";
            attempts.add(new Attempt(model.ref(), null, 0, message, Duration.ZERO, true, false, true));
            log.skipped(model.ref(), index + 1, chain.size(), message, nextRef(index));
            if (!refusal.localOnly() && !refusedByBudget) {
                refusedByBudget = true;
                budgetRefusal = refusal; // the refuse budget is the one to report, even after a local-only one
            }
            if (budgetRefusal == null) {
                budgetRefusal = refusal;
            }
        }

        private RoutedStream contact(int index, CooldownTracker.Admission admission, Budgets.Reservation reservation) {
            ModelSpec model = chain.get(index);
            CallOptions callOptions = callOptionsFor(model).withDataPolicy(options.dataPolicy());
            boolean retried = false;
            while (true) {
                Instant started = clock.instant();
                EventStream stream = null;
                ContactLedger.Contact contact = contacts.begin(model, options, LedgerEntry.CHAT);
                try {
                    stream = openStream(model, callOptions.withMeter(contact));
                    FirstEventReader.Head head = options.wholeResponse()
                            ? FirstEventReader.readWhole(stream, wholeGuard(callOptions), model.ref(), maxWholeResponse)
                            : FirstEventReader.read(stream, guard(callOptions), model.ref());
                    Duration took = since(started);
                    cooldowns.recordSuccess(model);
                    attempts.add(new Attempt(model.ref(), null, 0, null, took, false, admission.probe()));
                    log.succeeded(model.ref(), index + 1, chain.size(), took.toMillis(), admission.probe());
                    EventStream rest = new HealthReportingStream(head.rest(), stream, model, cooldowns, log);
                    if (reservation != null) {
                        BudgetSettlingStream settling = new BudgetSettlingStream(rest, reservation, this::promptTokens);
                        settling.observe(head.first());
                        rest = settling;
                    }
                    return new RoutedStream(model, attempts, head.first(), contact.watch(rest, head.first()));
                } catch (UpstreamException e) {
                    closeQuietly(stream);
                    FailureClass failure = e.failure() != null ? e.failure() : FailureClass.UNKNOWN;
                    contact.failed(failure);
                    Duration took = since(started);
                    attempts.add(new Attempt(model.ref(), failure, e.status(), e.getMessage(), took, false,
                            admission.probe()));
                    if (failure == FailureClass.CONTEXT_OVERFLOW) {
                        cooldowns.release(admission);
                        onOverflow(index, e);
                        return null;
                    }
                    if (!failure.advancesFallback()) { // bad request, cancelled client: another model cannot help
                        cooldowns.release(admission);
                        log.stopped(model.ref(), index + 1, chain.size(), failure, e.status(), e.getMessage());
                        throw e;
                    }
                    retryAfter.note(failure, e.retryAfter());
                    if (failure == FailureClass.RATE_LIMIT && !retried && isShort(e.retryAfter())) {
                        retried = true;
                        log.retrying(model.ref(), index + 1, chain.size(), e.retryAfter().toMillis());
                        waitOrCancel(e.retryAfter(), admission);
                        continue;
                    }
                    cooldowns.recordFailure(model, failure, e.retryAfter(), admission);
                    log.failed(model.ref(), index + 1, chain.size(), failure, e.status(), took.toMillis(),
                            e.getMessage(), nextRef(index));
                    return null;
                } catch (RuntimeException | Error e) {
                    closeQuietly(stream);
                    contact.failed(FailureClass.UNKNOWN);
                    cooldowns.release(admission);
                    throw e;
                }
            }
        }

        private EventStream openStream(ModelSpec model, CallOptions callOptions) {
            if (loadProbe != null && model.provider().isLocal()) {
                LoadState state = loadProbe.check(model, callOptions.firstByteTimeout());
                if (state.kind() == LoadState.Kind.REFUSED) {
                    throw new UpstreamException(FailureClass.CONNECTION_REFUSED, 0, state.detail(), null, null);
                }
                if (state.kind() == LoadState.Kind.NOT_ANSWERING) {
                    throw new UpstreamException(FailureClass.FIRST_BYTE_TIMEOUT, 0, state.detail(), null, null);
                }
                // NOT_LOADED: a cold start. The server is alive, so the full first-byte timeout is worth waiting.
            }
            UpstreamAdapter adapter;
            try {
                adapter = adapters.apply(model.api());
            } catch (RuntimeException e) { // a registry that throws for an unsupported api
                adapter = null;
            }
            if (adapter == null) {
                throw new UpstreamException(FailureClass.UNKNOWN, 0, "no upstream adapter for api '" + model.api() + "'",
                        null, null);
            }
            try {
                return adapter.open(request, model, callOptions);
            } catch (UpstreamException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new UpstreamException(FailureClass.UNKNOWN, 0, "adapter failed: " + e, null, e);
            }
        }

        private void onOverflow(int index, UpstreamException e) {
            ModelSpec model = chain.get(index);
            int had = overflow.record(model, e);
            boolean laterFits = chain.subList(index + 1, chain.size()).stream()
                    .anyMatch(m -> allowedByPrivacy(m) && overflow.admits(m));
            if (laterFits) {
                log.failed(model.ref(), index + 1, chain.size(), FailureClass.CONTEXT_OVERFLOW, e.status(), 0,
                        e.getMessage(), "larger window");
                return;
            }
            log.stopped(model.ref(), index + 1, chain.size(), FailureClass.CONTEXT_OVERFLOW, e.status(), e.getMessage());
            throw overflow.exhausted(model, had, e);
        }

        private boolean allowedByPrivacy(ModelSpec model) {
            return options.dataPolicy().admits(model.provider());
        }

        private void skip(int index, FailureClass reason, String message) {
            ModelSpec model = chain.get(index);
            attempts.add(new Attempt(model.ref(), reason, 0, message, Duration.ZERO, true));
            log.skipped(model.ref(), index + 1, chain.size(), message, nextRef(index));
        }

        private String nextRef(int index) {
            return index + 1 < chain.size() ? chain.get(index + 1).ref() : "none";
        }

        private void waitOrCancel(Duration wait, CooldownTracker.Admission admission) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                cooldowns.release(admission);
                throw new UpstreamException(FailureClass.CLIENT_CANCELLED, 0, "request cancelled", null, ie);
            }
        }

        private Duration since(Instant started) {
            Duration d = Duration.between(started, clock.instant());
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    private static boolean isShort(Duration retryAfter) {
        return retryAfter != null && !retryAfter.isNegative() && retryAfter.compareTo(SHORT_RETRY_AFTER) <= 0;
    }

    /** A backstop above the adapter's own limits for the head read: connect + first byte + one idle gap. */
    private Duration guard(CallOptions o) {
        return o.connectTimeout().plus(o.firstByteTimeout()).plus(o.idleTimeout()).plus(guardGrace);
    }

    /**
     * The backstop for reading a whole response: connect, then the call's deadline (the transport's own
     * end-to-end limit; the default one when the call has none), and never less than the head guard.
     */
    private Duration wholeGuard(CallOptions o) {
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

    private static void closeQuietly(EventStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (RuntimeException ignored) {
                // Closing only cancels; the failure that got us here is what matters.
            }
        }
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
