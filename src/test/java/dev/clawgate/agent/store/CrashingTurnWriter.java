package dev.clawgate.agent.store;

import dev.clawgate.state.sqlite.SqliteDatabases;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.Usage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The child process of {@link SessionStoreCrashTest}: writes deterministic turns to a store until it is
 * killed. Not a test itself.
 *
 * <p>Usage: {@code CrashingTurnWriter <db> stream|pause <n>}. In {@code stream} mode it prints
 * {@code COMMITTED <n>} once turn n is committed and keeps writing; in {@code pause} mode it commits n turns,
 * then inside turn n+1's transaction, after its second entry, prints {@code MID_TURN} and blocks on stdin.
 */
final class CrashingTurnWriter {

    static final String KEY = SessionKeys.main("main");
    static final int ENTRIES_PER_TURN = 4;
    private static final int MAX_TURNS = 5_000; // a bound in case nobody kills us

    private CrashingTurnWriter() {}

    public static void main(String[] args) throws IOException {
        Path db = Path.of(args[0]);
        boolean pause = args[1].equals("pause");
        int n = Integer.parseInt(args[2]);
        long pauseAtSeq = (long) n * ENTRIES_PER_TURN + 2;
        JdbcSessionStore.WriteObserver observer = (key, seq) -> {
            if (pause && seq == pauseAtSeq) {
                System.out.println("MID_TURN");
                System.out.flush();
                try {
                    System.in.read(); // the parent never writes: we wait here until killed
                } catch (IOException e) {
                    // fall through
                }
                System.exit(3);
            }
        };
        try (JdbcSessionStore store = JdbcSessionStore.open(new SqliteDatabases(db.getParent()), Clock.systemUTC(), observer)) {
            store.ensureSession(KEY, "main");
            for (int i = 1; i <= MAX_TURNS; i++) {
                store.appendTurn(KEY, turn(i));
                if (!pause && i == n) {
                    System.out.println("COMMITTED " + n);
                    System.out.flush();
                }
            }
        }
        System.exit(2); // never killed: the test fails on this exit code
    }

    /** Turn i, the same in the child and in the verifying parent. Big enough that a commit takes a while. */
    static Turn turn(int i) {
        String filler = ("turn " + i + " payload ").repeat(400);
        return Turn.of(List.of(
                Message.user("question " + i),
                new Message(Message.Role.ASSISTANT, List.of(new Part.Reasoning("thinking about " + i, "sig" + i, false),
                        new Part.ToolCall("call_" + i, "read", "{\"path\":\"f" + i + ".txt\"}"))),
                new Message(Message.Role.TOOL, List.of(new Part.ToolResult("call_" + i, "read", filler, false))),
                Message.assistant("answer " + i)),
                List.of(new UsageRecord("local/model", new Usage(i, 2L * i, 0, 0, 0, false), 0.001 * i, i, i % 2 == 0,
                        i % 2 == 0 ? "primary failed" : null, Instant.ofEpochMilli(1_700_000_000_000L + i))));
    }
}
