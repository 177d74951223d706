package dev.clawgate.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.testing.MutableClock;
import dev.clawgate.testing.StateEngines;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.Usage;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every engine of {@link JdbcSessionStore} must do; {@link JdbcSessionStoreTest} and
 * {@link PostgresSessionStoreTest} run it ("one suite, two engines") and add what is their engine's own.
 */
@Timeout(30)
abstract class SessionStoreContract {

    @TempDir
    Path dir;

    abstract StateEngines engine();

    /** A usage row this engine refuses to store. */
    abstract UsageRecord refusedUsageRow();

    /** The store on this test's databases; closing it closes them. */
    JdbcSessionStore open() {
        return JdbcSessionStore.openOwning(engine().open(dir));
    }

    JdbcSessionStore open(java.time.Clock clock, JdbcSessionStore.WriteObserver observer) {
        dev.clawgate.state.SqlDatabases databases = engine().open(dir);
        return JdbcSessionStore.open(databases, clock, observer, databases);
    }

    static final String KEY = SessionKeys.main("main");

    static Turn sampleTurn(String question) {
        return Turn.of(List.of(
                Message.user(question),
                MessageJsonTest.richAssistant(),
                new Message(Message.Role.TOOL, List.of(new Part.ToolResult("call_1", "read", "file text", false))),
                Message.assistant("answer to " + question)),
                List.of(new UsageRecord("lmstudio/qwen3", new Usage(100, 20, 5, 0, 7, false), 0.0, 1234, false, null, null),
                        new UsageRecord("anthropic/claude-sonnet-4-5", new Usage(80, 10, 0, 3, 0, true), 0.0042, 800,
                                true, "lmstudio/qwen3: connection refused", Instant.ofEpochMilli(1_700_000_000_000L))));
    }

    @Test
    void createsSessionsAndStoresTurnsInOrder() {
        try (JdbcSessionStore store = open()) {
            SessionRecord created = store.ensureSession(KEY, "main");
            assertThat(created.key()).isEqualTo(KEY);
            assertThat(created.compactionCount()).isZero();
            assertThat(store.ensureSession(KEY, "main")).isEqualTo(created);

            List<TranscriptEntry> first = store.appendTurn(KEY, sampleTurn("q1"));
            List<TranscriptEntry> second = store.appendTurn(KEY, sampleTurn("q2"));
            assertThat(first).extracting(TranscriptEntry::seq).containsExactly(1L, 2L, 3L, 4L);
            assertThat(second).extracting(TranscriptEntry::seq).containsExactly(5L, 6L, 7L, 8L);

            List<TranscriptEntry> all = store.transcript(KEY);
            assertThat(all).hasSize(8);
            assertThat(all.stream().map(TranscriptEntry::message).toList())
                    .containsExactlyElementsOf(concat(sampleTurn("q1"), sampleTurn("q2")));
            assertThat(store.transcriptTail(KEY, 2)).extracting(TranscriptEntry::seq).containsExactly(7L, 8L);
            assertThat(store.transcriptFrom(KEY, 6)).extracting(TranscriptEntry::seq).containsExactly(6L, 7L, 8L);

            List<UsageRecord> usage = store.usage(KEY);
            assertThat(usage).hasSize(4);
            assertThat(usage.get(1)).isEqualTo(sampleTurn("x").usage().get(1));
            assertThat(usage.get(0).usage()).isEqualTo(new Usage(100, 20, 5, 0, 7, false));
            assertThat(usage.get(0).createdAt()).isNotNull();
        }
    }

    private static List<Message> concat(Turn... turns) {
        return java.util.Arrays.stream(turns).flatMap(t -> t.entries().stream()).map(Turn.Entry::message).toList();
    }

    @Test
    void persistsAcrossReopen() {
        try (JdbcSessionStore store = open()) {
            store.ensureSession(KEY, "main");
            store.appendTurn(KEY, sampleTurn("q1"));
            store.setModelOverride(KEY, "anthropic/claude-opus-4-5");
        }
        try (JdbcSessionStore store = open()) {
            assertThat(store.transcript(KEY)).hasSize(4);
            assertThat(store.findSession(KEY).orElseThrow().modelOverride()).isEqualTo("anthropic/claude-opus-4-5");
            assertThat(store.transcript(KEY).get(2).kind()).isEqualTo(EntryKind.MESSAGE);
            assertThat(store.transcript(KEY).get(2).message().role()).isEqualTo(Message.Role.TOOL);
        }
    }

    static String scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aFailedTurnLeavesNothingBehind() {
        // Fails the transaction after the second entry of the second turn is inserted.
        JdbcSessionStore.WriteObserver failOnSeq6 = (key, seq) -> {
            if (seq == 6) {
                throw new IllegalStateException("simulated failure mid-turn");
            }
        };
        try (JdbcSessionStore store = open(java.time.Clock.systemUTC(), failOnSeq6)) {
            store.ensureSession(KEY, "main");
            store.appendTurn(KEY, sampleTurn("q1"));
            assertThatThrownBy(() -> store.appendTurn(KEY, sampleTurn("q2"))).hasMessage("simulated failure mid-turn");
            assertThat(store.transcript(KEY)).hasSize(4);
            assertThat(store.usage(KEY)).hasSize(2);
        }
        // A usage row the database refuses, after the entries are in: rolled back too.
        try (JdbcSessionStore store = open()) {
            Turn broken = Turn.of(List.of(Message.user("q2"), Message.assistant("a2")), List.of(refusedUsageRow()));
            assertThatThrownBy(() -> store.appendTurn(KEY, broken)).isInstanceOf(SessionStoreException.class);
            assertThat(store.transcript(KEY)).hasSize(4);
            assertThat(store.appendTurn(KEY, sampleTurn("q3")).get(0).seq()).isEqualTo(5);
        }
    }

    @Test
    void refusesTurnsForUnknownSessionsAndForeignAgents() {
        try (JdbcSessionStore store = open()) {
            assertThatThrownBy(() -> store.appendTurn("agent:main:nope", sampleTurn("q")))
                    .isInstanceOf(SessionStoreException.class).hasMessageContaining("no session agent:main:nope");
            store.ensureSession(KEY, "main");
            assertThatThrownBy(() -> store.ensureSession(KEY, "other")).isInstanceOf(SessionStoreException.class);
            assertThatThrownBy(() -> store.setModelOverride("agent:x:main", "a/b")).isInstanceOf(SessionStoreException.class);
        }
    }

    @Test
    void recordsCompactionsListsAndDeletesSessions() {
        try (JdbcSessionStore store = open()) {
            store.ensureSession(KEY, "main");
            store.ensureSession(SessionKeys.openAiUser("main", "bob"), "main");
            store.ensureSession(SessionKeys.main("work"), "work");
            store.appendTurn(KEY, sampleTurn("q1"));
            assertThat(store.latestSummarySeq(KEY)).isEmpty();

            TranscriptEntry summary = store.appendCompactionSummary(KEY, Message.user("Summary of earlier turns"));
            assertThat(summary.seq()).isEqualTo(5);
            assertThat(summary.kind()).isEqualTo(EntryKind.SUMMARY);
            assertThat(store.latestSummarySeq(KEY)).contains(5L);
            assertThat(store.findSession(KEY).orElseThrow().compactionCount()).isEqualTo(1);
            assertThat(store.transcriptFrom(KEY, 5)).singleElement().extracting(TranscriptEntry::kind).isEqualTo(EntryKind.SUMMARY);

            assertThat(store.listSessions("main")).extracting(SessionRecord::key)
                    .containsExactlyInAnyOrder(KEY, "agent:main:openai-user:bob");
            assertThat(store.listSessions(null)).hasSize(3);
            assertThat(store.deleteSession(KEY)).isTrue();
            assertThat(store.deleteSession(KEY)).isFalse();
            assertThat(store.transcript(KEY)).isEmpty();
            assertThat(store.usage(KEY)).isEmpty();
        }
    }

    @Test
    void exportsASessionAsJsonl() throws Exception {
        try (JdbcSessionStore store = open()) {
            store.ensureSession(KEY, "main");
            store.appendTurn(KEY, sampleTurn("line one\nline two"));
            StringWriter out = new StringWriter();
            store.exportJsonl(KEY, out);

            String[] lines = out.toString().split("\n");
            assertThat(lines).hasSize(1 + 4 + 2);
            ObjectMapper json = new ObjectMapper();
            JsonNode header = json.readTree(lines[0]);
            assertThat(header.get("type").asText()).isEqualTo("session");
            assertThat(header.get("key").asText()).isEqualTo(KEY);
            JsonNode firstEntry = json.readTree(lines[1]);
            assertThat(firstEntry.get("seq").asLong()).isEqualTo(1);
            assertThat(MessageJson.fromNode(firstEntry.get("message"))).isEqualTo(Message.user("line one\nline two"));
            JsonNode usage = json.readTree(lines[6]);
            assertThat(usage.get("type").asText()).isEqualTo("usage");
            assertThat(usage.get("fellBack").asBoolean()).isTrue();
            assertThat(usage.get("fallbackReason").asText()).isEqualTo("lmstudio/qwen3: connection refused");
        }
    }

    @Test
    void aCompactionStoresTheSummaryAndCopiesOfTheKeptTailAsTheNewContext() {
        try (JdbcSessionStore store = open()) {
            store.ensureSession(KEY, "main");
            store.appendTurn(KEY, sampleTurn("q1"));
            store.appendTurn(KEY, sampleTurn("q2"));
            List<Message> kept = store.transcriptFrom(KEY, 5).stream().map(TranscriptEntry::message).toList();

            TranscriptEntry summary = store.appendCompaction(KEY, Message.user("summary of q1"), kept);

            assertThat(summary.seq()).isEqualTo(9);
            assertThat(summary.kind()).isEqualTo(EntryKind.SUMMARY);
            assertThat(store.latestSummarySeq(KEY)).contains(9L);
            List<TranscriptEntry> context = store.transcriptFrom(KEY, 9);
            assertThat(context).hasSize(5);
            assertThat(context.subList(1, 5)).extracting(TranscriptEntry::message).containsExactlyElementsOf(kept);
            assertThat(store.findSession(KEY).orElseThrow().compactionCount()).isEqualTo(1);
        }
    }

    @Test
    void archivingMovesTranscriptAndUsageToTheNewKeyAndFreesTheOldOne() {
        try (JdbcSessionStore store = open()) {
            store.ensureSession(KEY, "main");
            store.setModelOverride(KEY, "local/big");
            store.appendTurn(KEY, sampleTurn("q1"));
            String archived = KEY + ":archived:1";

            store.archiveSession(KEY, archived);

            assertThat(store.findSession(KEY)).isEmpty();
            assertThat(store.transcript(archived)).hasSize(4);
            assertThat(store.usage(archived)).hasSize(2);
            assertThat(store.findSession(archived).orElseThrow().modelOverride()).isEqualTo("local/big");
            store.ensureSession(KEY, "main");
            assertThat(store.transcript(KEY)).isEmpty();
            assertThatThrownBy(() -> store.archiveSession(KEY, archived)).isInstanceOf(SessionStoreException.class);
            assertThatThrownBy(() -> store.archiveSession("agent:main:none", "x")).isInstanceOf(SessionStoreException.class);
        }
    }

    /** Every write path of a turn, as a holder whose lease lapsed would try them after it was taken over. */
    private static final Map<String, java.util.function.Consumer<SessionStore>> TURN_WRITES = Map.of(
            "the user's message", s -> s.appendTurn(KEY, Turn.of(List.of(Message.user("late question")), List.of())),
            "the assistant and tool entries with usage", s -> s.appendTurn(KEY, sampleTurn("late")),
            "the aborted marker", s -> s.appendTurn(KEY, new Turn(List.of(new Turn.Entry(EntryKind.ABORTED,
                    Message.assistant("partial"))), List.of())),
            "a compaction", s -> s.appendCompaction(KEY, Message.user("late summary"), List.of(Message.user("kept"))),
            "a compaction summary", s -> s.appendCompactionSummary(KEY, Message.user("late summary")),
            "the model override", s -> s.setModelOverride(KEY, "local/big"),
            "archiving (/new)", s -> s.archiveSession(KEY, KEY + ":archived:late"),
            "deleting", s -> s.deleteSession(KEY));

    @Test
    void aHolderWhoseLeaseLapsedCannotWriteAfterTheNextHolderClaimedTheSession() {
        try (JdbcSessionStore store = open()) {
            SessionStore lapsed = store.fencedBy(7);
            assertThat(lapsed.claimTurn(KEY, "main").key()).isEqualTo(KEY); // a new session is born with fence 7
            assertThat(store.storedFence(KEY)).isEqualTo(7);
            lapsed.appendTurn(KEY, Turn.of(List.of(Message.user("first question")), List.of()));

            SessionStore next = store.fencedBy(8);
            next.claimTurn(KEY, "main");
            next.appendTurn(KEY, sampleTurn("second question"));

            TURN_WRITES.forEach((what, write) -> assertThatThrownBy(() -> write.accept(lapsed)).as(what)
                    .isInstanceOf(SessionTakenOverException.class)
                    .hasMessage("session " + KEY + " was taken over by another instance (fence 8 > 7); "
                            + "this turn's writes were refused"));
            assertThatThrownBy(() -> lapsed.claimTurn(KEY, "main")).isInstanceOf(SessionTakenOverException.class);

            assertThat(store.transcript(KEY)).extracting(TranscriptEntry::message).containsExactlyElementsOf(
                    concat(Turn.of(List.of(Message.user("first question")), List.of()), sampleTurn("second question")));
            assertThat(store.usage(KEY)).hasSize(2);
            SessionRecord session = store.findSession(KEY).orElseThrow();
            assertThat(session.compactionCount()).isZero();
            assertThat(session.modelOverride()).isNull();
            assertThat(store.findSession(KEY + ":archived:late")).isEmpty();
            assertThat(store.storedFence(KEY)).isEqualTo(8);
            next.appendCompaction(KEY, Message.user("summary"), List.of()); // the new holder's writes go on
            assertThat(store.findSession(KEY).orElseThrow().compactionCount()).isEqualTo(1);
        }
    }

    @Test
    void aClaimNeedsAFenceAboveTheStoredOneAndAHigherWriteRaisesIt() {
        try (JdbcSessionStore store = open()) {
            assertThat(store.storedFence(KEY)).as("no session yet").isZero();
            store.ensureSession(KEY, "main");
            assertThat(store.storedFence(KEY)).as("never claimed").isZero();
            store.fencedBy(3).claimTurn(KEY, "main");
            assertThatThrownBy(() -> store.fencedBy(3).claimTurn(KEY, "main"))
                    .as("a second holder with the same fence (two instances on local locks)")
                    .isInstanceOf(SessionTakenOverException.class).hasMessageContaining("(fence 3 >= 3)");
            store.fencedBy(3).appendTurn(KEY, sampleTurn("q1")); // the claimant itself writes on

            store.fencedBy(5).appendTurn(KEY, sampleTurn("q2")); // a write of a later holder raises the fence
            assertThat(store.storedFence(KEY)).isEqualTo(5);
            assertThatThrownBy(() -> store.fencedBy(4).claimTurn(KEY, "main")).isInstanceOf(SessionTakenOverException.class);
            store.appendTurn(KEY, sampleTurn("unfenced")); // tools and tests write unchecked, and record nothing
            assertThat(store.storedFence(KEY)).isEqualTo(5);
            assertThat(store.transcript(KEY)).hasSize(12);
            assertThatThrownBy(() -> store.claimTurn(KEY, "main")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.fencedBy(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theSessionAfterNewCarriesTheArchivingTurnsFence() {
        try (JdbcSessionStore store = open()) {
            SessionStore lapsed = store.fencedBy(1);
            lapsed.claimTurn(KEY, "main");
            lapsed.appendTurn(KEY, sampleTurn("q1"));
            SessionStore next = store.fencedBy(2);
            next.claimTurn(KEY, "main");
            next.archiveSession(KEY, KEY + ":archived:1"); // what /new does
            next.ensureSession(KEY, "main");

            assertThat(store.storedFence(KEY)).isEqualTo(2);
            assertThatThrownBy(() -> lapsed.appendTurn(KEY, sampleTurn("late")))
                    .isInstanceOf(SessionTakenOverException.class);
            assertThat(store.transcript(KEY)).isEmpty();
            assertThat(store.transcript(KEY + ":archived:1")).hasSize(4);
        }
    }

    @Test
    /** Stored Responses answers stay within their bounds: a maximum count and a maximum age. */
    void retentionDropsTheOldestPastTheCountAndAnyPastTheAge() {
        MutableClock clock = new MutableClock();
        try (JdbcSessionStore sessions = open()) {
            JdbcResponseStore store = new JdbcResponseStore(sessions, clock, 2, Duration.ofHours(1));
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
