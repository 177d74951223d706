package dev.clawgate.state.memory;

import dev.clawgate.state.ClusterView;
import dev.clawgate.state.StateEngines;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Every state port in process memory: what a gateway uses when no shared engine is configured (today's behaviour). */
public final class MemoryState {

    private MemoryState() {}

    /** @param address where this instance listens, read when the cluster view is asked for */
    public static StateEngines open(Clock clock, String instanceId, Supplier<String> address) {
        Instant started = clock.instant();
        ClusterView cluster = new ClusterView() {
            @Override
            public String engine() {
                return "memory";
            }

            @Override
            public boolean shared() {
                return false;
            }

            @Override
            public String degradedReason() {
                return null;
            }

            @Override
            public String instanceId() {
                return instanceId;
            }

            @Override
            public List<Instance> instances() {
                return List.of(new Instance(instanceId, address.get(), started, clock.instant()));
            }
        };
        return new StateEngines(new ProcessCooldowns(), new InMemoryWindowCounters(),
                new InMemoryReservationCounters(clock), new ProcessTurnLocks(), new LocalEventFeed(), cluster, () -> {});
    }
}
