package dev.clawgate.cli;

import dev.clawgate.gateway.GatewayRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code clawgate gateway}: serves the OpenAI and Anthropic APIs until interrupted. */
@Command(name = "gateway", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "Start the gateway (default http://127.0.0.1:18789). Serves /v1/chat/completions, "
                + "/v1/responses, /v1/messages, /v1/models, /health, /ready and /metrics. The config file is "
                + "watched: valid edits apply to new requests without a restart.")
final class GatewayCommand implements Callable<Integer> {

    /** How long open streams may run on after Ctrl-C before they are cut. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--port", description = "Port to listen on (default: gateway.port, else 18789).")
    Integer port;

    @Option(names = "--bind", paramLabel = "loopback|lan|ADDRESS",
            description = "Where to listen (default: gateway.bind, else loopback). Anything but loopback needs "
                    + "gateway.auth.mode \"token\".")
    String bind;

    @Mixin
    StateDirOption state;

    @Option(names = "--self-test", description = "Start on a free loopback port, check /ready and /v1/models, stop, "
            + "and exit 0 when both answered (a smoke test; the launcher also uses it to prepare fast start-up).")
    boolean selfTest;

    @Override
    public Integer call() throws InterruptedException {
        if (selfTest) {
            port = 0;
            bind = "loopback";
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GatewayRuntime runtime = GatewayRuntime.start(main.environment(), config.path,
                new GatewayRuntime.Overrides(port, bind, state.dir), Clock.systemUTC());
        if (selfTest) {
            return selfTest(runtime, out, err);
        }
        var loaded = runtime.config();
        String origin = "http://" + hostForDisplay(runtime) + ":" + runtime.port();
        out.println("Clawgate listening on " + origin);
        var ui = loaded.config().gateway().controlUi();
        if (ui.enabled()) {
            out.println("Control UI: " + origin + (ui.basePath().endsWith("/") ? ui.basePath() : ui.basePath() + "/"));
        }
        // for the built-in default the reason already starts with "built-in default (...)"
        out.println("Config: " + (loaded.location().path() == null ? loaded.location().reason()
                : loaded.location().path() + " (" + loaded.location().reason() + ")"));
        out.println("Default chain: " + GatewayRuntime.chainText(runtime.catalog()));
        loaded.config().warnings().forEach(w -> out.println("warning: " + w.format()));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.stop(SHUTDOWN_GRACE);
            stopped.countDown();
        }, "clawgate-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }

    private static int selfTest(GatewayRuntime runtime, PrintWriter out, PrintWriter err) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            for (String path : new String[] {"/ready", "/v1/models"}) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + runtime.port() + path)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                boolean answered = r.statusCode() == 200 || (path.equals("/ready") && r.statusCode() == 503);
                if (!answered) { // not ready (no model server running) is an answer too
                    err.println("clawgate: self-test: GET " + path + " answered " + r.statusCode() + ": " + r.body());
                    err.flush();
                    return ExitCodes.INVALID;
                }
            }
            out.println("self-test ok: /ready and /v1/models answered on port " + runtime.port());
            out.flush();
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println("clawgate: self-test: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID;
        } finally {
            runtime.stop(Duration.ZERO);
        }
    }

    private String hostForDisplay(GatewayRuntime runtime) {
        String bindMode = bind != null ? bind : runtime.config().config().gateway().bind();
        return switch (bindMode) {
            case "loopback" -> "127.0.0.1";
            case "lan" -> "0.0.0.0";
            case "custom" -> runtime.config().config().gateway().customBindHost();
            default -> bindMode;
        };
    }
}
