package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.channel.ChannelStore;
import dev.clawgate.channel.JdbcChannelStore;
import dev.clawgate.state.sqlite.SqliteDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clawgate pairing list|approve|deny} on the channel database a gateway writes. */
class PairingCommandTest {

    @TempDir
    Path home;

    @Test
    void listsApprovesAndDeniesPendingRequests() {
        Map<String, String> env = Map.of("CLAWGATE_STATE_DIR", home.resolve("state").toString());
        String bob;
        String eve;
        try (JdbcChannelStore store = JdbcChannelStore.openOwning(new SqliteDatabases(home.resolve("state")))) {
            bob = ((ChannelStore.PairingOutcome.Created) store.requestPairing("telegram", "77", "Bob", Instant.now()))
                    .request().code();
            eve = ((ChannelStore.PairingOutcome.Created) store.requestPairing("whatsapp", "4915112345678", "Eve",
                    Instant.now())).request().code();
            assertThat(store.requestPairing("telegram", "77", "Bob", Instant.now()))
                    .isInstanceOf(ChannelStore.PairingOutcome.Pending.class);
        }

        CliRunner.Result list = CliRunner.run(home, env, "pairing", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("telegram").contains(bob).contains("77").contains("Bob")
                .contains("whatsapp").contains(eve);
        assertThat(CliRunner.run(home, env, "pairing", "list", "telegram").out()).contains(bob).doesNotContain(eve);

        CliRunner.Result approved = CliRunner.run(home, env, "pairing", "approve", "telegram", bob.toLowerCase());
        assertThat(approved.exitCode()).isZero();
        assertThat(approved.out()).contains("Approved telegram sender 77 (Bob)");
        CliRunner.Result again = CliRunner.run(home, env, "pairing", "approve", "telegram", bob);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(again.err()).contains("No pending pairing code " + bob + " for telegram")
                .contains("clawgate pairing list telegram");

        assertThat(CliRunner.run(home, env, "pairing", "deny", "whatsapp", eve).out()).contains("Denied whatsapp");
        assertThat(CliRunner.run(home, env, "pairing", "list").out()).contains("No pending pairing requests.");
        try (JdbcChannelStore store = JdbcChannelStore.openOwning(new SqliteDatabases(home.resolve("state")))) {
            assertThat(store.approvedSenders("telegram")).containsExactly("77");
            assertThat(store.approvedSenders("whatsapp")).isEmpty();
        }
    }
}
