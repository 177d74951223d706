/*
 * How an agent turn's cost grows with the session: runs N turns of one session against a loopback model
 * stand-in that answers at once, and prints the median turn time around turn 10 and around turn N, after a
 * warm-up session of its own (so that turn 10 is not measured on a cold JVM). Not a test; run it with
 * bench/agent/run.sh.
 *
 * The stand-in cannot help receiving the whole history each turn (the context window is 2M tokens, so the
 * session is never compacted and the request body grows to ~2,000 messages), so its share of a turn grows
 * with the session whatever Clawgate does. It is measured apart: the handler's wall time (draining the body,
 * writing the answer) and its thread's CPU time. Clawgate's part of a turn is the turn's wall time minus the
 * stand-in's; also printed: the CPU time of the thread that runs the turn (the whole turn runs there, so this
 * is Clawgate's CPU, and it stretches much less than wall time on a loaded machine) and the bytes it allocates
 * (independent of load: what grows with the session shows there first); the goals (turn 10 <= 3 ms, turn N
 * <= 1.2x turn 10) are judged on Clawgate's part.
 *
 *   java -cp target/clawgate.jar bench/agent/AgentTurnBench.java [turns=1000] [state-dir]
 */
import com.sun.net.httpserver.HttpServer;
import dev.clawgate.agent.AgentDirectory;
import dev.clawgate.agent.AgentRuntime;
import dev.clawgate.agent.TurnRequest;
import dev.clawgate.agent.store.JdbcSessionStore;
import dev.clawgate.state.sqlite.SqliteDatabases;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.config.ConfigLoader;
import dev.clawgate.config.Environment;
import dev.clawgate.config.LoadedConfig;
import dev.clawgate.routing.RouterStack;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

public class AgentTurnBench {

    private static final String REPLY = "Noted. The figures you gave are consistent with last week's report, and the "
            + "follow-up you asked for is on the list for tomorrow morning; nothing else needs your attention now.";

    public static void main(String[] args) throws Exception {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path home = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("clawgate-agent-bench");
        HttpServer model = standIn();
        try {
            Path config = home.resolve("clawgate.json5");
            Files.writeString(config, """
                { agents: { defaults: { model: "stub/m", workspace: "%s" }, list: [{ id: "main", tools: { deny: ["*"] } }] },
                  models: { mode: "replace", providers: { stub: { baseUrl: "http://127.0.0.1:%d/v1",
                    api: "openai-completions", apiKey: "x",
                    models: [{ id: "m", contextWindow: 2000000, maxTokens: 1024 }] } } } }
                """.formatted(home.resolve("ws"), model.getAddress().getPort()));
            Environment env = Environment.of(Map.of(), home);
            ConfigLoader loader = new ConfigLoader(env);
            LoadedConfig loaded = loader.load(loader.locate(config));
            ModelCatalog catalog = ModelCatalog.build(loaded.config(), env);
            AgentDirectory agents = new AgentDirectory(loaded.config().agents(), catalog, env);
            try (RouterStack routers = RouterStack.open(() -> catalog, Clock.systemUTC());
                    JdbcSessionStore store = JdbcSessionStore.openOwning(new SqliteDatabases(home.resolve("state")))) {
                AgentRuntime runtime = AgentRuntime.builder(() -> agents, routers.router(), store).build();
                session(runtime, "agent:main:warm-up", WARM_UP_TURNS); // JIT first, so turn 10 is not a cold turn
                Turns t = session(runtime, "agent:main:measured", turns);
                int lateFrom = Math.max(0, turns - 20);
                System.out.printf("load average at the end: %s%n", loadAverage());
                System.out.printf("request body at the last turn: %d KB%n", lastBodyBytes.get() / 1024);
                double early = median(t.clawgate, 5, Math.min(25, turns));
                double late = median(t.clawgate, lateFrom, turns);
                // run.sh reads these two lines' first figure: Clawgate's part, which the goals are about
                System.out.printf("agent turn, median of turns 6-25: %.2f ms (Clawgate's part; whole turn %.2f ms, "
                        + "stand-in %.2f ms)%n", early, median(t.wall, 5, Math.min(25, turns)),
                        median(t.standIn, 5, Math.min(25, turns)));
                System.out.printf("agent turn, median of turns %d-%d: %.2f ms (%.2fx turn 10) (Clawgate's part; whole turn "
                        + "%.2f ms, stand-in %.2f ms)%n", lateFrom + 1, turns, late, late / early,
                        median(t.wall, lateFrom, turns), median(t.standIn, lateFrom, turns));
                double earlyWall = median(t.wall, 5, Math.min(25, turns));
                double lateWall = median(t.wall, lateFrom, turns);
                System.out.printf("whole turn incl. stand-in: turns 6-25 %.2f ms, turns %d-%d %.2f ms (%.2fx)%n",
                        earlyWall, lateFrom + 1, turns, lateWall, lateWall / earlyWall);
                System.out.printf("stand-in CPU per turn (its handler thread): turns 6-25 %.2f ms, turns %d-%d %.2f ms%n",
                        median(t.standInCpu, 5, Math.min(25, turns)), lateFrom + 1, turns,
                        median(t.standInCpu, lateFrom, turns));
                double earlyThread = median(t.turnThreadCpu, 5, Math.min(25, turns));
                double lateThread = median(t.turnThreadCpu, lateFrom, turns);
                System.out.printf("Clawgate CPU on the turn's own thread (the whole turn runs there): turns 6-25 %.2f ms, "
                        + "turns %d-%d %.2f ms (%.2fx)%n", earlyThread, lateFrom + 1, turns, lateThread,
                        lateThread / earlyThread);
                double earlyAlloc = median(t.turnThreadKb, 5, Math.min(25, turns));
                double lateAlloc = median(t.turnThreadKb, lateFrom, turns);
                System.out.printf("allocated per turn on the turn's thread (load-independent): turns 6-25 %.0f KB, turns "
                        + "%d-%d %.0f KB (%.2fx)%n", earlyAlloc, lateFrom + 1, turns, lateAlloc, lateAlloc / earlyAlloc);
            }
        } finally {
            model.stop(0);
        }
    }

    private static final int WARM_UP_TURNS = 300;

    /** Per turn, in ms: the whole turn's wall time, the stand-in's part and Clawgate's; CPU times likewise. */
    private record Turns(double[] wall, double[] standIn, double[] clawgate, double[] standInCpu,
            double[] turnThreadCpu, double[] turnThreadKb) {}

    /** Wall and CPU nanoseconds the stand-in spent in its handler since the last reset. */
    private static final AtomicLong standInNanos = new AtomicLong();
    private static final AtomicLong standInCpuNanos = new AtomicLong();
    private static final AtomicLong lastBodyBytes = new AtomicLong();

    /** Runs {@code turns} turns of one session, timing each. */
    private static Turns session(AgentRuntime runtime, String key, int turns) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Turns t = new Turns(new double[turns], new double[turns], new double[turns], new double[turns], new double[turns],
                new double[turns]);
        for (int i = 0; i < turns; i++) {
            String text = "Turn " + (i + 1) + ": here are this week's figures again, 41 orders, 17 returns, "
                    + "and 3 open tickets; please keep them in mind and tell me if anything looks off.";
            standInNanos.set(0);
            standInCpuNanos.set(0);
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long threadCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            runtime.runTurn(new TurnRequest("main", key, text, null, null));
            t.wall[i] = (System.nanoTime() - start) / 1e6;
            t.turnThreadCpu[i] = (threads.getCurrentThreadCpuTime() - threadCpu) / 1e6;
            t.turnThreadKb[i] = (threads.getCurrentThreadAllocatedBytes() - allocated) / 1024.0;
            t.standIn[i] = standInNanos.get() / 1e6;
            t.clawgate[i] = t.wall[i] - t.standIn[i];
            t.standInCpu[i] = standInCpuNanos.get() / 1e6;
        }
        return t;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double median(double[] values, int from, int to) {
        double[] part = Arrays.copyOfRange(values, from, to);
        Arrays.sort(part);
        return part[part.length / 2];
    }

    /**
     * Answers every Chat Completions call at once with the same short streamed reply; drains the body without
     * parsing it (so its own cost is as small as receiving the bytes allows) and times itself.
     */
    private static HttpServer standIn() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        String content = REPLY.replace("\"", "\\\"");
        var threads = ManagementFactory.getThreadMXBean();
        server.createContext("/v1/chat/completions", exchange -> {
            long start = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            long bodyBytes;
            try (InputStream in = exchange.getRequestBody()) {
                bodyBytes = in.transferTo(OutputStream.nullOutputStream());
            }
            String chunk = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,";
            String sse = "data: " + chunk + "\"delta\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n"
                    + "data: " + chunk + "\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + bodyBytes / 4
                    + ",\"completion_tokens\":40,\"total_tokens\":" + (bodyBytes / 4 + 40) + "}}\n\ndata: [DONE]\n\n";
            byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            lastBodyBytes.set(bodyBytes);
            standInCpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpu);
            standInNanos.addAndGet(System.nanoTime() - start);
        });
        server.start();
        return server;
    }
}
