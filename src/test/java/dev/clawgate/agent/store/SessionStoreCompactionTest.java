package dev.clawgate.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.wire.Message;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class SessionStoreCompactionTest {

    private static final String KEY = SessionKeys.main("main");

    @TempDir
    Path dir;

    @Test
    void aCompactionStoresTheSummaryAndCopiesOfTheKeptTailAsTheNewContext() {
        try (SqliteSessionStore store = SqliteSessionStore.open(dir.resolve("s.db"))) {
            store.ensureSession(KEY, "main");
            store.appendTurn(KEY, SqliteSessionStoreTest.sampleTurn("q1"));
            store.appendTurn(KEY, SqliteSessionStoreTest.sampleTurn("q2"));
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
        try (SqliteSessionStore store = SqliteSessionStore.open(dir.resolve("s.db"))) {
            store.ensureSession(KEY, "main");
            store.setModelOverride(KEY, "local/big");
            store.appendTurn(KEY, SqliteSessionStoreTest.sampleTurn("q1"));
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
}
