package dev.clawgate.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored Responses answers stay within their bounds: a maximum count and a maximum age. */
class SqliteResponseStoreTest {

    @TempDir
    Path dir;

    @Test
    void retentionDropsTheOldestPastTheCountAndAnyPastTheAge() {
        MutableClock clock = new MutableClock();
        try (SqliteSessionStore sessions = SqliteSessionStore.open(dir.resolve("state.db"))) {
            SqliteResponseStore store = new SqliteResponseStore(sessions, clock, 2, Duration.ofHours(1));
            store.save("resp_1", "[]", "{\"id\":\"resp_1\"}");
            clock.advance(Duration.ofSeconds(1));
            store.save("resp_2", "[]", "{\"id\":\"resp_2\"}");
            clock.advance(Duration.ofSeconds(1));
            store.save("resp_3", "[{\"role\":\"user\",\"content\":\"hi\"}]", "{\"id\":\"resp_3\"}");

            assertThat(store.find("resp_1")).isEmpty(); // past the count
            assertThat(store.find("resp_2")).isPresent();
            assertThat(store.find("resp_3").orElseThrow().conversationJson()).contains("hi");

            clock.advance(Duration.ofMinutes(61));
            assertThat(store.find("resp_3")).isEmpty(); // past the age, even before the next write prunes it
            assertThat(store.delete("resp_2")).isTrue();
            assertThat(store.delete("resp_2")).isFalse();
        }
    }
}
