package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code budget} objects of gateway, agent defaults and agents: bound, and every mistake named. */
class BudgetsConfigTest {

    @TempDir
    Path dir;

    private ConfigTestSupport configs;

    @BeforeEach
    void setUp() {
        configs = new ConfigTestSupport(dir);
    }

    @Test
    void mistakesAreErrorsNamingTheField() {
        List<String> errors = configs.errorLines("c.json5", """
                {
                  gateway: { budget: { daily: -1, onExceeded: "fallback" } },
                  agents: {
                    defaults: { budget: { timezone: "Mars/Olympus" } },
                    list: [{ id: "a", budget: { weekly: 3 } }],
                  },
                }
                """);
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("gateway.budget.daily: expected a number of 0 or more"))
                .anySatisfy(e -> assertThat(e).contains("gateway.budget.onExceeded", "fallback"))
                .anySatisfy(e -> assertThat(e).contains("agents.defaults.budget.timezone: unknown time zone 'Mars/Olympus'"))
                .anySatisfy(e -> assertThat(e).contains("agents.defaults.budget: a budget needs a limit"))
                .anySatisfy(e -> assertThat(e).contains("agents.list[0].budget.weekly: unknown key 'weekly'"));
    }
}
