package dev.clawgate.state.memory;

import dev.clawgate.state.ReservationCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link ReservationCounters} of one process: holds in a map under one lock, each expiring after its lease. */
public final class InMemoryReservationCounters implements ReservationCounters {

    private record HeldAmount(long micros, Instant expires) {}

    private final Clock clock;
    private final Map<String, Map<String, HeldAmount>> holds = new HashMap<>();

    public InMemoryReservationCounters(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Outcome reserve(String id, List<Hold> wanted, long amountMicros, Duration lease) {
        Instant now = clock.instant();
        for (int i = 0; i < wanted.size(); i++) {
            Hold h = wanted.get(i);
            long held = heldAt(h.key(), now);
            if (h.settledMicros() + held + amountMicros > h.limitMicros()) {
                return new Outcome(i, held, h.settledMicros());
            }
        }
        for (Hold h : wanted) {
            holds.computeIfAbsent(h.key(), k -> new HashMap<>()).put(id, new HeldAmount(amountMicros, now.plus(lease)));
        }
        return new Outcome(-1, 0, 0);
    }

    @Override
    public synchronized void finish(String id, List<String> keys, long costMicros) {
        for (String key : keys) {
            Map<String, HeldAmount> byId = holds.get(key);
            if (byId != null) {
                byId.remove(id);
                if (byId.isEmpty()) {
                    holds.remove(key);
                }
            }
        }
    }

    @Override
    public synchronized long held(String key) {
        return heldAt(key, clock.instant());
    }

    @Override
    public long settled(String key) {
        return 0; // the spend store is the record of settled spend in one process
    }

    private long heldAt(String key, Instant now) {
        Map<String, HeldAmount> byId = holds.get(key);
        if (byId == null) {
            return 0;
        }
        byId.values().removeIf(h -> !now.isBefore(h.expires()));
        return byId.values().stream().mapToLong(HeldAmount::micros).sum();
    }
}
