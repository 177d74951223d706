package dev.clawgate.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.testing.StateEngines;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What every engine of {@link JdbcChannelStore} must do; run on SQLite and on PostgreSQL. */
@Timeout(30)
abstract class ChannelStoreContract {

    @TempDir
    Path dir;

    abstract StateEngines engine();

    private JdbcChannelStore open() {
        return JdbcChannelStore.openOwning(engine().open(dir));
    }

    private static InboundMessage dm(String id, String text) {
        return new InboundMessage("telegram", id, "77", ChatType.DIRECT, "77", "Bob", null, text, false, null);
    }

    @Test
    void acceptsEachMessageOnceWithItsCursorAndKeepsArrivalOrderUntilDone() {
        try (JdbcChannelStore store = open()) {
            assertThat(store.accept("telegram", List.of(dm("b", "first"), dm("a", "second")), "11"))
                    .extracting(InboundMessage::messageId).containsExactly("b", "a");
            assertThat(store.accept("telegram", List.of(dm("a", "again"), dm("c", "third")), "12"))
                    .extracting(InboundMessage::messageId).containsExactly("c");
            assertThat(store.cursor("telegram")).contains("12");
            store.markDone("telegram", "b");
        }
        try (JdbcChannelStore store = open()) {
            assertThat(store.pending()).extracting(InboundMessage::text).containsExactly("second", "third");
            assertThat(store.cursor("whatsapp")).isEmpty();
        }
    }

    @Test
    void pairsSendersThroughCodesThatExpire() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        try (JdbcChannelStore store = open()) {
            var bob = (ChannelStore.PairingOutcome.Created) store.requestPairing("telegram", "77", "Bob", now);
            assertThat(store.requestPairing("telegram", "77", "Bob", now.plusSeconds(1)))
                    .isInstanceOf(ChannelStore.PairingOutcome.Pending.class);
            var eve = (ChannelStore.PairingOutcome.Created) store.requestPairing("telegram", "88", "Eve", now);
            assertThat(store.pairingRequests("telegram", now)).extracting(PairingRequest::senderId)
                    .containsExactly("77", "88");

            assertThat(store.approve("telegram", bob.request().code().toLowerCase(), now)).isPresent();
            assertThat(store.approve("telegram", bob.request().code(), now)).isEmpty();
            assertThat(store.approvedSenders("telegram")).containsExactly("77");
            assertThat(store.pairingRequests(null, now.plus(ChannelStore.PAIRING_TTL))).isEmpty();
            assertThat(store.deny("telegram", eve.request().code(), now)).isEmpty(); // expired above
        }
    }
}
