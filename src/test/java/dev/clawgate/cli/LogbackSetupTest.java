package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogbackSetupTest {

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
        System.clearProperty("CLAWGATE_LOG_LEVEL");
    }

    @Test
    void logsToStderrWithTheGatewaysPatternAndQuietsChattyLibraries() {
        LogbackSetup.apply(context);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        var appender = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.getTarget()).isEqualTo("System.err");
        assertThat(((PatternLayoutEncoder) appender.getEncoder()).getPattern()).isEqualTo(LogbackSetup.PATTERN);
        assertThat(context.getLogger("io.helidon.webserver").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.lettuce.core.protocol").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("org.flywaydb.core").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.clawgate.gateway.GatewayServer").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void theRootLevelComesFromClawgateLogLevel() {
        System.setProperty("CLAWGATE_LOG_LEVEL", "WARN");

        LogbackSetup.apply(context);

        assertThat(context.getLogger("dev.clawgate.gateway.GatewayServer").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void logbackFindsItAsAServiceAndItLeavesTheTestsXmlToJoran() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName()))
                .containsExactly(LogbackSetup.class.getName());
        // the test class path has logback-test.xml, which goes on to Joran as before
        assertThat(new LogbackSetup().configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
    }
}
