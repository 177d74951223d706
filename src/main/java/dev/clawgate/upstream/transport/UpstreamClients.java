package dev.clawgate.upstream.transport;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK clients, one per distinct connect timeout. {@link HttpClient} fixes the connect timeout when it
 * is built and a request cannot override it, so each timeout the configuration uses gets its own client
 * (and connection pool). Configurations name a handful of providers, so the cache is small; past
 * {@link #MAX_CLIENTS} distinct values a call uses the client whose timeout is closest.
 */
final class UpstreamClients implements AutoCloseable {

    static final int MAX_CLIENTS = 16;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Long, HttpClient> byConnectMillis = new ConcurrentHashMap<>();

    HttpClient forConnectTimeout(Duration connectTimeout) {
        long millis = connectTimeout == null || connectTimeout.isNegative() ? 0 : connectTimeout.toMillis();
        HttpClient client = byConnectMillis.get(millis);
        if (client != null) {
            return client;
        }
        synchronized (this) {
            if (byConnectMillis.size() >= MAX_CLIENTS && !byConnectMillis.containsKey(millis)) {
                long closest = byConnectMillis.keySet().stream()
                        .min((a, b) -> Long.compare(Math.abs(a - millis), Math.abs(b - millis))).orElseThrow();
                return byConnectMillis.get(closest);
            }
            return byConnectMillis.computeIfAbsent(millis, this::build);
        }
    }

    private HttpClient build(long connectMillis) {
        HttpClient.Builder b = HttpClient.newBuilder()
                // Plain-http local servers: HTTP/2 would send an h2c Upgrade some of them mishandle.
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (connectMillis > 0) {
            b.connectTimeout(Duration.ofMillis(connectMillis));
        }
        return b.build();
    }

    @Override
    public void close() {
        for (HttpClient c : byConnectMillis.values()) {
            c.shutdownNow();
        }
        byConnectMillis.clear();
        executor.shutdownNow();
    }
}
