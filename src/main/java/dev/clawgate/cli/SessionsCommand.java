package dev.clawgate.cli;

import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.agent.store.SessionRecord;
import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.state.SqlDatabases;
import dev.clawgate.agent.store.TranscriptEntry;
import dev.clawgate.wire.Part;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code clawgate sessions list|show KEY|export KEY}: the stored sessions, read-only. */
@Command(name = "sessions", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "List, show and export stored agent sessions.",
        subcommands = {SessionsCommand.ListSessions.class, SessionsCommand.Show.class, SessionsCommand.Export.class})
final class SessionsCommand implements Runnable {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A full {@code agent:…} key as given; anything else is a session name of {@code agentId}. */
    static String key(String given, String agentId) {
        return given.startsWith("agent:") ? given : SessionKeys.named(agentId, given);
    }

    /** The state databases (state.database of the config, else the SQLite files); null: no sessions yet. */
    static SqlDatabases open(Main main, ConfigOption config, StateDirOption state, PrintWriter err) {
        Path db = state.database(main.environment());
        SqlDatabases databases = state.databases(main.environment(), config.path);
        if (databases instanceof dev.clawgate.state.sqlite.SqliteDatabases && !Files.exists(db)) {
            err.println("No sessions yet (" + db + " does not exist).");
            err.flush();
            databases.close();
            return null;
        }
        return databases;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List sessions, most recent first.")
    static final class ListSessions implements Callable<Integer> {
        @ParentCommand
        SessionsCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Mixin
        StateDirOption state;

        @Option(names = "--agent", paramLabel = "ID", description = "Only this agent's sessions.")
        String agentId;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (SqlDatabases databases = open(parent.main, config, state, spec.commandLine().getErr())) {
                if (databases == null) {
                    return ExitCodes.OK;
                }
                JdbcSessionStore store = JdbcSessionStore.open(databases);
                List<SessionRecord> sessions = store.listSessions(agentId == null ? null : agentId.toLowerCase(java.util.Locale.ROOT));
                out.printf("%-50s %-10s %-24s %7s %5s  %s%n", "KEY", "AGENT", "UPDATED", "ENTRIES", "COMP", "MODEL");
                for (SessionRecord s : sessions) {
                    out.printf("%-50s %-10s %-24s %7d %5d  %s%n", s.key(), s.agentId(), s.updatedAt(),
                            store.transcript(s.key()).size(), s.compactionCount(),
                            s.modelOverride() == null ? "-" : s.modelOverride());
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    /** What show and export share: the store, a session named by KEY (and --agent), and a clear miss. */
    abstract static class OneSession implements Callable<Integer> {
        @ParentCommand
        SessionsCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Mixin
        StateDirOption state;

        @Parameters(paramLabel = "KEY", description = "agent:<id>:<name>, or a session name of --agent.")
        String key;

        @Option(names = "--agent", paramLabel = "ID", defaultValue = "main", description = "Agent for a short name.")
        String agentId;

        /** Prints the session {@code key}, which exists. */
        abstract void print(JdbcSessionStore store, String key, PrintWriter out) throws IOException;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (SqlDatabases databases = open(parent.main, config, state, err)) {
                String k = key(key, agentId);
                JdbcSessionStore store = databases == null ? null : JdbcSessionStore.open(databases);
                if (store == null || store.findSession(k).isEmpty()) {
                    err.println("No session " + k + ".");
                    err.flush();
                    return ExitCodes.INVALID;
                }
                print(store, k, out);
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a session's transcript.")
    static final class Show extends OneSession {
        @Override
        void print(JdbcSessionStore store, String key, PrintWriter out) {
            for (TranscriptEntry e : store.transcript(key)) {
                out.println("#" + e.seq() + " " + e.kind().dbValue() + " "
                        + e.message().role().name().toLowerCase(java.util.Locale.ROOT) + ": " + describe(e));
            }
        }

        private static String describe(TranscriptEntry e) {
            StringBuilder sb = new StringBuilder();
            for (Part p : e.message().parts()) {
                if (!sb.isEmpty()) {
                    sb.append(" ");
                }
                switch (p) {
                    case Part.Text t -> sb.append(t.text());
                    case Part.Reasoning r -> sb.append("[reasoning, ").append(r.text() == null ? 0 : r.text().length())
                            .append(" chars]");
                    case Part.ToolCall c -> sb.append("[call ").append(c.name()).append(' ').append(c.argumentsJson())
                            .append(']');
                    case Part.ToolResult r -> sb.append("[").append(r.name()).append(r.isError() ? " error" : " result")
                            .append("] ").append(r.content());
                    case Part.Image i -> sb.append("[image]");
                }
            }
            return sb.toString();
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write a session as JSONL to stdout.")
    static final class Export extends OneSession {
        @Override
        void print(JdbcSessionStore store, String key, PrintWriter out) throws IOException {
            store.exportJsonl(key, out);
        }
    }
}
