package dev.clawgate.gateway;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Tells Helidon that logging is set up: Helidon logs through {@code System.Logger}, which
 * slf4j-jdk-platform-logging hands to logback (configured by {@code dev.clawgate.cli.LogbackSetup}), so there is nothing for Helidon to
 * configure. Without a provider (registered in {@code META-INF/services}) Helidon prints "There is no
 * Helidon logging implementation on classpath" on every start; its own slf4j provider is not published.
 */
public final class HelidonLoggingProvider implements LoggingProvider {

    @Override
    public void initialization() {
        // logback configures itself (dev.clawgate.cli.LogbackSetup, found as a service)
    }

    @Override
    public void runTime() {
        // nothing changes at run time
    }
}
