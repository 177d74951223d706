package dev.clawgate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration in code: one stderr appender, the root level from {@code CLAWGATE_LOG_LEVEL} (a system
 * property or the environment; INFO by default) and quieter levels for chatty libraries. A {@code logback.xml}
 * would cost Joran and the JDK's XML parser, about 600 classes loaded at every start. Logback finds this class as
 * a service ({@code META-INF/services/ch.qos.logback.classic.spi.Configurator}) before it looks for XML, so a
 * {@code logback-test.xml} on the class path (the tests') or {@code -Dlogback.configurationFile} still wins.
 */
public final class LogbackSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg %kvp%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogbackSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context} as the class comment says. */
    static void apply(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel());
        root.addAppender(stderr);
        context.getLogger("io.helidon").setLevel(Level.WARN);
        // Lettuce warns on every reconnect attempt; dev.clawgate.state.redis says once that Redis is down
        context.getLogger("io.lettuce.core").setLevel(Level.ERROR);
        // Flyway narrates every step at INFO; `clawgate migrate` and the state package say what was applied
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
    }

    /** {@code CLAWGATE_LOG_LEVEL} as a system property (set by {@link Main} for commands other than the gateway), else from the environment. */
    static Level rootLevel() {
        String level = System.getProperty("CLAWGATE_LOG_LEVEL");
        if (level == null) {
            level = System.getenv("CLAWGATE_LOG_LEVEL");
        }
        return Level.toLevel(level, Level.INFO);
    }
}
