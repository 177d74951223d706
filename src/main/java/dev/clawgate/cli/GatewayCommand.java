package dev.clawgate.cli;

import io.helidon.webserver.WebServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clawgate gateway}: runs the gateway until interrupted. */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Start the gateway (default 127.0.0.1:18789).")
final class GatewayCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Port to listen on (default: gateway.port, 18789).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        int p = port != null ? port : 18789;
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(p)
                .routing(r -> r.get("/health", (req, res) -> res.send("{\"status\":\"ok\"}")))
                .build()
                .start();
        System.out.println("clawgate listening on http://127.0.0.1:" + server.port());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }
}
