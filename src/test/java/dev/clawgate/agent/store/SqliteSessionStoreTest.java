package dev.clawgate.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.Usage;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class SqliteSessionStoreTest {

    @TempDir
    Path dir;

    private static final String KEY = SessionKeys.main("main");

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
        try (SqliteSessionStore store = SqliteSessionStore.open(dir.resolve("sessions.db"))) {
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
    void persistsAcrossReopenWithWalAndMigratesOnce() throws Exception {
        Path db = dir.resolve("nested/dir/sessions.db");
        try (SqliteSessionStore store = SqliteSessionStore.open(db)) {
            store.ensureSession(KEY, "main");
            store.appendTurn(KEY, sampleTurn("q1"));
            store.setModelOverride(KEY, "anthropic/claude-opus-4-5");
        }
        try (SqliteSessionStore store = SqliteSessionStore.open(db)) {
            assertThat(store.transcript(KEY)).hasSize(4);
            assertThat(store.findSession(KEY).orElseThrow().modelOverride()).isEqualTo("anthropic/claude-opus-4-5");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            assertThat(scalar(s, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(scalar(s, "SELECT COUNT(*) FROM schema_version")).isEqualTo(String.valueOf(SchemaMigrations.latestVersion()));
            assertThat(scalar(s, "SELECT kind || '/' || role FROM transcript_entries WHERE seq = 3")).isEqualTo("message/tool");
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
        SqliteSessionStore.WriteObserver failOnSeq6 = (key, seq) -> {
            if (seq == 6) {
                throw new IllegalStateException("simulated failure mid-turn");
            }
        };
        try (SqliteSessionStore store = SqliteSessionStore.open(dir.resolve("s.db"), java.time.Clock.systemUTC(), failOnSeq6)) {
            store.ensureSession(KEY, "main");
            store.appendTurn(KEY, sampleTurn("q1"));
            assertThatThrownBy(() -> store.appendTurn(KEY, sampleTurn("q2"))).hasMessage("simulated failure mid-turn");
            assertThat(store.transcript(KEY)).hasSize(4);
            assertThat(store.usage(KEY)).hasSize(2);
        }
        // A NaN cost binds as NULL and breaks NOT NULL after the entries are in: rolled back too.
        try (SqliteSessionStore store = SqliteSessionStore.open(dir.resolve("s.db"))) {
            Turn broken = Turn.of(List.of(Message.user("q2"), Message.assistant("a2")),
                    List.of(new UsageRecord("m/x", Usage.ZERO, Double.NaN, 0, false, null, null)));
            assertThatThrownBy(() -> store.appendTurn(KEY, broken)).isInstanceOf(SessionStoreException.class);
            assertThat(store.transcript(KEY)).hasSize(4);
            assertThat(store.appendTurn(KEY, sampleTurn("q3")).get(0).seq()).isEqualTo(5);
        }
    }

    @Test
    void refusesTurnsForUnknownSessionsAndForeignAgents() {
        try (SqliteSessionStore store = SqliteSessionStore.open(dir.resolve("s.db"))) {
            assertThatThrownBy(() -> store.appendTurn("agent:main:nope", sampleTurn("q")))
                    .isInstanceOf(SessionStoreException.class).hasMessageContaining("no session agent:main:nope");
            store.ensureSession(KEY, "main");
            assertThatThrownBy(() -> store.ensureSession(KEY, "other")).isInstanceOf(SessionStoreException.class);
            assertThatThrownBy(() -> store.setModelOverride("agent:x:main", "a/b")).isInstanceOf(SessionStoreException.class);
        }
    }

    @Test
    void recordsCompactionsListsAndDeletesSessions() {
        try (SqliteSessionStore store = SqliteSessionStore.open(dir.resolve("s.db"))) {
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
        try (SqliteSessionStore store = SqliteSessionStore.open(dir.resolve("s.db"))) {
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
}
