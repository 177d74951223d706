package dev.clawgate.budget;

import dev.clawgate.state.ReservationCounters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@link Budgets}' reservations in a {@link ReservationCounters} port, in USD: amounts become micro-dollars
 * (holds rounded up, limits down, so rounding never lets a call through that would not fit). A hold lasts
 * {@link #LEASE}; a call that runs longer keeps going but no longer holds room.
 */
final class ReservationLedger {

    /** Long enough for the longest streamed answer; short enough that a crashed instance's holds soon free up. */
    static final Duration LEASE = Duration.ofMinutes(15);
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    /** One limit a reservation must fit: its key, its amount and what the spend store says is settled. */
    record Want(String key, BigDecimal limit, BigDecimal settled) {}

    /** The limit at {@code index} did not fit: what was spent and held there. */
    record Refusal(int index, BigDecimal spent, BigDecimal held) {}

    private final ReservationCounters counters;

    ReservationLedger(ReservationCounters counters, Clock clock) {
        this.counters = counters != null ? counters : ReservationCounters.inProcess(clock);
    }

    /** Holds {@code amount} under {@code id} on every want, or returns why not (holding nothing). */
    Refusal reserve(String id, List<Want> wants, BigDecimal amount) {
        List<ReservationCounters.Hold> holds = wants.stream().map(w -> new ReservationCounters.Hold(w.key(),
                micros(w.limit(), RoundingMode.FLOOR), micros(w.settled(), RoundingMode.CEILING))).toList();
        ReservationCounters.Outcome o = counters.reserve(id, holds, micros(amount, RoundingMode.CEILING), LEASE);
        if (o.granted()) {
            return null;
        }
        return new Refusal(o.refusedIndex(), usd(o.settledMicros()).max(wants.get(o.refusedIndex()).settled()),
                usd(o.heldMicros()));
    }

    void finish(String id, List<String> keys, BigDecimal cost) {
        counters.finish(id, keys, micros(cost, RoundingMode.CEILING));
    }

    BigDecimal held(String key) {
        return usd(counters.held(key));
    }

    /** The larger of the spend store's total and the shared engine's. */
    BigDecimal spent(String key, BigDecimal storeTotal) {
        return storeTotal.max(usd(counters.settled(key)));
    }

    private static long micros(BigDecimal usd, RoundingMode rounding) {
        return usd.multiply(MICROS).setScale(0, rounding).longValueExact();
    }

    private static BigDecimal usd(long micros) {
        return BigDecimal.valueOf(micros).divide(MICROS).stripTrailingZeros();
    }
}
