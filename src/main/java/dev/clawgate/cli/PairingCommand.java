package dev.clawgate.cli;

import dev.clawgate.channel.PairingRequest;
import dev.clawgate.channel.JdbcChannelStore;
import dev.clawgate.state.SqlDatabases;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clawgate pairing list|approve|deny}: who asked to DM the agent from a chat channel, and the operator's
 * answer. Works on the channel database while the gateway runs; the next message of an approved sender is
 * answered.
 */
@Command(name = "pairing", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "List, approve or deny DM pairing requests from chat channels (telegram, whatsapp).",
        subcommands = {PairingCommand.ListRequests.class, PairingCommand.Approve.class, PairingCommand.Deny.class})
final class PairingCommand implements Runnable {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The state databases: state.database of the config, else the SQLite files in the state directory. */
    private static SqlDatabases open(Main main, ConfigOption config, StateDirOption state) {
        return state.databases(main.environment(), config.path);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Pending requests (codes valid for one hour).")
    static final class ListRequests implements Callable<Integer> {
        @ParentCommand
        PairingCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Mixin
        StateDirOption state;

        @Parameters(index = "0", arity = "0..1", paramLabel = "CHANNEL", description = "telegram or whatsapp; all when omitted.")
        String channel;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (SqlDatabases databases = open(parent.main, config, state)) {
                JdbcChannelStore store = JdbcChannelStore.open(databases);
                List<PairingRequest> pending = store.pairingRequests(channel == null ? null
                        : channel.toLowerCase(Locale.ROOT), Instant.now());
                if (pending.isEmpty()) {
                    out.println("No pending pairing requests.");
                    return ExitCodes.OK;
                }
                out.printf("%-10s %-10s %-20s %-24s %s%n", "CHANNEL", "CODE", "SENDER", "NAME", "EXPIRES");
                for (PairingRequest r : pending) {
                    out.printf("%-10s %-10s %-20s %-24s %s%n", r.channel(), r.code(), r.senderId(),
                            r.senderName() == null ? "-" : r.senderName(), r.expiresAt());
                }
                return ExitCodes.OK;
            }
        }
    }

    /** What approve and deny share: a channel, a code, and the answer for a code that is not pending. */
    abstract static class Decide implements Callable<Integer> {
        @ParentCommand
        PairingCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Mixin
        StateDirOption state;

        @Parameters(index = "0", paramLabel = "CHANNEL", description = "telegram or whatsapp")
        String channel;

        @Parameters(index = "1", paramLabel = "CODE", description = "The 8-character code the sender received.")
        String code;

        abstract Optional<PairingRequest> decide(JdbcChannelStore store, String channel, String code);

        abstract String done(PairingRequest r);

        @Override
        public Integer call() {
            String ch = channel.toLowerCase(Locale.ROOT);
            try (SqlDatabases databases = open(parent.main, config, state)) {
                JdbcChannelStore store = JdbcChannelStore.open(databases);
                Optional<PairingRequest> r = decide(store, ch, code);
                if (r.isEmpty()) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("No pending pairing code " + code.toUpperCase(Locale.ROOT) + " for " + ch
                            + " (codes expire after one hour); `clawgate pairing list " + ch + "` shows the pending ones.");
                    err.flush();
                    return ExitCodes.INVALID;
                }
                spec.commandLine().getOut().println(done(r.get()));
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Let the sender DM the agent.")
    static final class Approve extends Decide {
        @Override
        Optional<PairingRequest> decide(JdbcChannelStore store, String channel, String code) {
            return store.approve(channel, code, Instant.now());
        }

        @Override
        String done(PairingRequest r) {
            return "Approved " + r.channel() + " sender " + r.senderId() + (r.senderName() == null ? ""
                    : " (" + r.senderName() + ")") + ": their next message is answered.";
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Drop the request (the sender may ask again later).")
    static final class Deny extends Decide {
        @Override
        Optional<PairingRequest> decide(JdbcChannelStore store, String channel, String code) {
            return store.deny(channel, code, Instant.now());
        }

        @Override
        String done(PairingRequest r) {
            return "Denied " + r.channel() + " sender " + r.senderId() + ".";
        }
    }
}
