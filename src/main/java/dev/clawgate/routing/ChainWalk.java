package dev.clawgate.routing;

import dev.clawgate.budget.BudgetRefusal;
import dev.clawgate.budget.Budgets;
import dev.clawgate.budget.WorstCase;
import dev.clawgate.catalog.BuiltinProviders;
import dev.clawgate.catalog.ModelSpec;
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
import java.util.Optional;

/**
 * One {@link FailoverRouter#open} call: the chain, the attempts so far, what an overflow ruled out. It tries
 * the candidates in order under the rules {@link FailoverRouter} describes, with the router's cooldowns,
 * budgets, contact ledger and call limits. One instance per call, used by the calling thread only.
 */
final class ChainWalk {

    private final FailoverRouter router;
    private final CooldownTracker cooldowns;
    private final Clock clock;
    private final RoutingLog log;
    private final ContactLedger contacts;
    private final Budgets budgets;
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

    ChainWalk(FailoverRouter router, ChatRequest request, RouteOptions options, List<ModelSpec> chain) {
        this.router = router;
        this.cooldowns = router.cooldowns;
        this.clock = router.clock;
        this.log = router.log;
        this.contacts = router.contacts;
        this.budgets = router.budgets;
        this.request = request;
        this.options = options;
        this.chain = chain;
    }

    /** The attempts so far: skipped, failed and the one that answered. */
    List<Attempt> attempts() {
        return attempts;
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
                skip(i, blocked.reason(), router.coolingMessage(blocked));
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
        CallOptions callOptions = router.callOptionsFor(model).withDataPolicy(options.dataPolicy());
        boolean retried = false;
        while (true) {
            Instant started = clock.instant();
            EventStream stream = null;
            ContactLedger.Contact contact = contacts.begin(model, options, LedgerEntry.CHAT);
            try {
                stream = openStream(model, callOptions.withMeter(contact));
                FirstEventReader.Head head = options.wholeResponse()
                        ? FirstEventReader.readWhole(stream, router.wholeGuard(callOptions), model.ref(), router.maxWholeResponse)
                        : FirstEventReader.read(stream, router.guard(callOptions), model.ref());
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
        if (router.loadProbe != null && model.provider().isLocal()) {
            LoadState state = router.loadProbe.check(model, callOptions.firstByteTimeout());
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
            adapter = router.adapters.apply(model.api());
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
            router.sleeper.sleep(wait);
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

    private static boolean isShort(Duration retryAfter) {
        return retryAfter != null && !retryAfter.isNegative() && retryAfter.compareTo(FailoverRouter.SHORT_RETRY_AFTER) <= 0;
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
}
