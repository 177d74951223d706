package dev.clawgate.budget;

import dev.clawgate.catalog.ModelCost;
import dev.clawgate.config.AgentsConfig;
import dev.clawgate.config.BudgetsConfig;
import dev.clawgate.config.ClawgateConfig;
import dev.clawgate.state.ReservationCounters;
import dev.clawgate.usage.CostCalculator;
import dev.clawgate.wire.Usage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budgets of a running gateway: reserves a call's worst case against every budget that applies before
 * the call is made, and settles the reservation to the real cost when it ends.
 *
 * <p>Which budgets apply: {@code gateway.budget} to every call; an agent's own {@code budget}, else
 * {@code agents.defaults.budget}, to that agent's calls; a client key's {@code budget}
 * ({@code gateway.auth.keys[].budget}, scope {@code key:<id>}) to the calls it authenticated. A plain API call
 * belongs to the default agent.
 * Reserving checks and books every applicable period at once under one lock, so two concurrent calls can
 * never both take the last room in a budget: spend can pass a limit only by what a call's real cost exceeds
 * its worst-case estimate. The config is read per call, so a reload applies at once.
 *
 * <p>Settled spend goes to the {@link SpendStore} and is read from it at each reservation, so that a
 * {@code clawgate agent} run and the gateway, two processes on one state directory, see each other's
 * settled spend. Reservations are held in {@link ReservationCounters}: in memory for one process, in a shared
 * engine for several instances, so that their calls together never pass a limit ({@link ReservationLedger}).
 */
public final class Budgets {

    public static final String GATEWAY_SCOPE = "gateway";
    /** A client key's budget scope: {@code key:<id>}. */
    public static final String KEY_SCOPE_PREFIX = "key:";
    /** Spending this share of a limit logs one warning per budget and period. */
    public static final BigDecimal WARN_SHARE = new BigDecimal("0.8");

    private static final Logger LOG = LoggerFactory.getLogger("dev.clawgate.budget");

    private final Supplier<ClawgateConfig> config;
    private final SpendStore store;
    private final Clock clock;
    private final ReservationLedger reserved;
    private final Set<String> warned = new HashSet<>();
    private final Set<String> agentsSeen = new LinkedHashSet<>();

    public Budgets(Supplier<ClawgateConfig> config, SpendStore store, Clock clock) {
        this(config, store, clock, null);
    }

    /** @param counters where reservations are held (shared by instances), or null for this process's memory */
    public Budgets(Supplier<ClawgateConfig> config, SpendStore store, Clock clock, ReservationCounters counters) {
        this.config = Objects.requireNonNull(config);
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
        this.reserved = new ReservationLedger(counters, clock);
    }

    /** What {@link #reserve} decided. */
    public sealed interface Decision permits Granted, Refused {}

    /** The call may go ahead; settle or release the reservation when it ends. */
    public record Granted(Reservation reservation) implements Decision {}

    /** The call would not fit; it must not be made. */
    public record Refused(BudgetRefusal refusal) implements Decision {}

    /** True when some budget is configured (the router then estimates worst cases). */
    public boolean any() {
        ClawgateConfig c = config.get();
        BudgetsConfig b = c.budgets();
        return b.gateway() != null || b.defaults() != null || !b.agents().isEmpty()
                || c.gateway().auth().keys().stream().anyMatch(k -> k.budget() != null);
    }

    /**
     * Reserves {@code worstCase} USD for a call of {@code agentId} (null: a plain API call, which is the
     * default agent's) to a model priced {@code prices}. A free call is always granted and books nothing.
     */
    public Decision reserve(String agentId, ModelCost prices, BigDecimal worstCase) {
        return reserve(agentId, null, prices, worstCase);
    }

    /** As {@link #reserve(String, ModelCost, BigDecimal)}, also against client key {@code keyId}'s budget (null: none). */
    public Decision reserve(String agentId, String keyId, ModelCost prices, BigDecimal worstCase) {
        if (worstCase.signum() <= 0) {
            return new Granted(new Reservation("free", List.of(), BigDecimal.ZERO, prices));
        }
        List<Limit> limits = applicable(agentId, keyId);
        synchronized (this) {
            Instant now = clock.instant();
            List<Booking> bookings = new ArrayList<>();
            List<ReservationLedger.Want> wants = new ArrayList<>();
            for (Limit limit : limits) {
                Booking booking = limit.booking(now);
                bookings.add(booking);
                wants.add(new ReservationLedger.Want(booking.key(), limit.limit(), spentOf(booking)));
            }
            String id = java.util.UUID.randomUUID().toString();
            ReservationLedger.Refusal refused = reserved.reserve(id, wants, worstCase);
            if (refused != null) {
                Limit limit = limits.get(refused.index());
                return new Refused(new BudgetRefusal(limit.scope(), limit.period(), limit.limit(), refused.spent(),
                        refused.held(), worstCase, limit.period().resetsAt(now, limit.zone()), limit.localOnly(), now));
            }
            return new Granted(new Reservation(id, bookings, worstCase, prices));
        }
    }

    /** Every configured budget in its current period, with what is spent and reserved now. */
    public List<BudgetStatus> status() {
        Instant now = clock.instant();
        List<BudgetStatus> out = new ArrayList<>();
        for (Limit limit : allLimits()) {
            Booking b = limit.booking(now);
            synchronized (this) {
                out.add(BudgetStatus.of(limit.scope(), limit.period(), limit.limit(), spentOf(b),
                        reserved.held(b.key()), limit.period().resetsAt(now, limit.zone())));
            }
        }
        return out;
    }

    /** The spend store's total, or the shared engine's where it saw more (other instances' spend files). */
    private BigDecimal spentOf(Booking b) {
        return reserved.spent(b.key(), store.spent(b.scope(), b.periodKey()));
    }

    private List<Limit> applicable(String agentId, String keyId) {
        ClawgateConfig c = config.get();
        List<Limit> limits = new ArrayList<>();
        addLimits(limits, GATEWAY_SCOPE, c.budgets().gateway());
        String agent = agentId != null ? normalise(agentId) : defaultAgentId(c.agents());
        synchronized (this) {
            agentsSeen.add(agent);
        }
        addLimits(limits, "agent:" + agent, agentBudget(c.budgets(), agent));
        if (keyId != null) {
            c.gateway().auth().keys().stream().filter(k -> k.id().equals(keyId)).findFirst()
                    .ifPresent(k -> addLimits(limits, KEY_SCOPE_PREFIX + k.id(), k.budget()));
        }
        return limits;
    }

    private List<Limit> allLimits() {
        ClawgateConfig c = config.get();
        List<Limit> limits = new ArrayList<>();
        addLimits(limits, GATEWAY_SCOPE, c.budgets().gateway());
        Set<String> agents = new LinkedHashSet<>();
        agents.add(defaultAgentId(c.agents()));
        c.budgets().agents().keySet().forEach(id -> agents.add(normalise(id)));
        synchronized (this) {
            agents.addAll(agentsSeen);
        }
        for (String agent : agents) {
            addLimits(limits, "agent:" + agent, agentBudget(c.budgets(), agent));
        }
        c.gateway().auth().keys().forEach(k -> addLimits(limits, KEY_SCOPE_PREFIX + k.id(), k.budget()));
        return limits;
    }

    private static BudgetsConfig.Budget agentBudget(BudgetsConfig budgets, String agent) {
        for (Map.Entry<String, BudgetsConfig.Budget> e : budgets.agents().entrySet()) {
            if (normalise(e.getKey()).equals(agent)) {
                return e.getValue();
            }
        }
        return budgets.defaults();
    }

    private static void addLimits(List<Limit> limits, String scope, BudgetsConfig.Budget budget) {
        if (budget == null) {
            return;
        }
        ZoneId zone = budget.timezone() != null ? ZoneId.of(budget.timezone()) : ZoneOffset.UTC;
        if (budget.daily() != null) {
            limits.add(new Limit(scope, Period.DAILY, BigDecimal.valueOf(budget.daily()), zone,
                    budget.localOnlyWhenExceeded()));
        }
        if (budget.monthly() != null) {
            limits.add(new Limit(scope, Period.MONTHLY, BigDecimal.valueOf(budget.monthly()), zone,
                    budget.localOnlyWhenExceeded()));
        }
    }

    /** The agent a plain API call belongs to: the one marked default, else the first, else {@code main}. */
    public static String defaultAgentId(AgentsConfig agents) {
        return agents.list().stream().filter(a -> Boolean.TRUE.equals(a.isDefault()) && a.id() != null)
                .map(a -> normalise(a.id())).findFirst()
                .orElse(agents.list().isEmpty() || agents.list().get(0).id() == null ? "main"
                        : normalise(agents.list().get(0).id()));
    }

    private static String normalise(String agentId) {
        return agentId.strip().toLowerCase(Locale.ROOT);
    }

    private void settle(String id, List<Booking> bookings, BigDecimal actual) {
        synchronized (this) {
            reserved.finish(id, bookings.stream().map(Booking::key).toList(), actual);
            for (Booking b : bookings) {
                if (actual.signum() > 0) {
                    store.add(b.scope(), b.periodKey(), actual);
                    warnOnce(b, spentOf(b));
                }
            }
        }
    }

    private void warnOnce(Booking b, BigDecimal total) {
        if (total.compareTo(b.limit().multiply(WARN_SHARE)) >= 0 && warned.add(b.key())) {
            LOG.warn("budget {} {} ({}) has reached {}%: spent ${} of ${}", b.scope(), b.period().label(),
                    b.periodKey(), total.multiply(BigDecimal.valueOf(100)).divide(b.limit(), 0,
                            java.math.RoundingMode.DOWN), BudgetRefusal.usd(total), BudgetRefusal.usd(b.limit()));
        }
    }

    /** One limit of one budget. */
    private record Limit(String scope, Period period, BigDecimal limit, ZoneId zone, boolean localOnly) {
        Booking booking(Instant now) {
            return new Booking(scope, period, period.label() + ":" + period.key(now, zone), limit);
        }
    }

    /** A limit in the period a reservation was made in (settled there even if the period ends meanwhile). */
    private record Booking(String scope, Period period, String periodKey, BigDecimal limit) {
        String key() {
            return scope + "\n" + periodKey;
        }
    }

    /** Money held for one call. Settle or release it exactly once; later calls do nothing. */
    public final class Reservation {

        private final String id;
        private final List<Booking> bookings;
        private final BigDecimal amount;
        private final ModelCost prices;
        private boolean done;

        private Reservation(String id, List<Booking> bookings, BigDecimal amount, ModelCost prices) {
            this.id = id;
            this.bookings = bookings;
            this.amount = amount;
            this.prices = prices;
        }

        /** The worst case held. */
        public BigDecimal amount() {
            return amount;
        }

        /** Replaces the hold by the real cost of {@code usage}. */
        public void settle(Usage usage) {
            if (claim()) {
                Budgets.this.settle(id, bookings, CostCalculator.totalUsd(usage, prices));
            }
        }

        /** Frees the hold: the call cost nothing (it failed before the upstream answered). */
        public void release() {
            if (claim()) {
                Budgets.this.settle(id, bookings, BigDecimal.ZERO);
            }
        }

        private synchronized boolean claim() {
            if (done) {
                return false;
            }
            done = true;
            return true;
        }
    }
}
