/*
 * How an agent turn's cost grows with the session: runs N turns of one session against a loopback model
 * stand-in that answers at once (so the time is Clawgate's, plus encoding the request it sends), and prints
 * the median turn time around turn 10 and around turn N, after a warm-up session of its own (so that turn 10
 * is not measured on a cold JVM). Not a test; run it with bench/agent/run.sh.
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
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

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
                double[] millis = session(runtime, "agent:main:measured", turns);
                double early = median(millis, 5, Math.min(25, turns));
                double late = median(millis, Math.max(0, turns - 20), turns);
                System.out.printf("load average at the end: %s%n", loadAverage());
                System.out.printf("agent turn, median of turns 6-25: %.2f ms%n", early);
                System.out.printf("agent turn, median of turns %d-%d: %.2f ms (%.2fx turn 10)%n", Math.max(1, turns - 19),
                        turns, late, late / early);
            }
        } finally {
            model.stop(0);
        }
    }

    private static final int WARM_UP_TURNS = 300;

    /** Runs {@code turns} turns of one session; the wall time of each, in ms. */
    private static double[] session(AgentRuntime runtime, String key, int turns) {
        double[] millis = new double[turns];
        for (int i = 0; i < turns; i++) {
            String text = "Turn " + (i + 1) + ": here are this week's figures again, 41 orders, 17 returns, "
                    + "and 3 open tickets; please keep them in mind and tell me if anything looks off.";
            long start = System.nanoTime();
            runtime.runTurn(new TurnRequest("main", key, text, null, null));
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
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

    /** Answers every Chat Completions call at once with the same short streamed reply; reads but ignores the body. */
    private static HttpServer standIn() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        String content = REPLY.replace("\"", "\\\"");
        server.createContext("/v1/chat/completions", exchange -> {
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
        });
        server.start();
        return server;
    }
}
