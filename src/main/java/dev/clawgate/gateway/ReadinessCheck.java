package dev.clawgate.gateway;

/** Answers {@code GET /ready}: whether the gateway can serve model calls now (config loaded, catalog built). */
@FunctionalInterface
public interface ReadinessCheck {

    Result check();

    /** {@code detail} is shown to whoever probes; keep secrets out of it. */
    record Result(boolean ready, String detail) {}

    ReadinessCheck ALWAYS_READY = () -> new Result(true, "ok");
}
