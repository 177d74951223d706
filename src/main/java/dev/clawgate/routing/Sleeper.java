package dev.clawgate.routing;

import java.time.Duration;

/** Waits before a same-model retry. Injectable so that tests advance a clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));

    void sleep(Duration duration) throws InterruptedException;
}
