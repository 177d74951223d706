package dev.clawgate.state;

import java.time.Instant;
import java.util.List;

/** The instances that share state, as their heartbeats tell, and whether the shared engine is reachable now. */
public interface ClusterView {

    /** One instance's heartbeat. */
    record Instance(String id, String address, Instant started, Instant lastSeen) {}

    /** The shared engine's name ({@code redis}), or {@code memory} when nothing is shared. */
    String engine();

    /** True while state is shared; false in one process or while the shared engine is down (local fallback). */
    boolean shared();

    /** Why sharing is off now (the engine is down), or null. */
    String degradedReason();

    /** This instance's id. */
    String instanceId();

    /** Instances whose heartbeat is recent, this one included; just this one when nothing is shared. */
    List<Instance> instances();
}
