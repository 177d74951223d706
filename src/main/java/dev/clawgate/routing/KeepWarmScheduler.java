package dev.clawgate.routing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.UpstreamAdapter;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EventStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps local models loaded so a user's first message after a quiet spell does not pay a cold load
 * (OpenClaw's commonest "hanging" report). Off unless a local provider sets {@code params.keepWarm}
 * (e.g. {@code "5m"}): every interval it sends the cheapest request that keeps the model resident.
 * Ollama: {@code POST /api/generate} with an empty prompt and a {@code keep_alive} longer than the
 * interval (loads without generating). Others: a one-token request through the model's own adapter,
 * which resets LM Studio's and llama.cpp's idle timers. Runs on virtual threads; {@link #close()} stops it.
 */
public final class KeepWarmScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeepWarmScheduler.class);
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

    /** Sends one keep-warm request. */
    @FunctionalInterface
    public interface WarmPing {
        void ping(ModelSpec model, Duration interval) throws Exception;
    }

    private final WarmPing ping;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("keep-warm-", 0).factory());
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    public KeepWarmScheduler(WarmPing ping) {
        this.ping = ping;
    }

    /** {@code params.keepWarm} of a local model's provider ({@code "5m"}, {@code "90s"}, {@code 300}), if set. */
    public static Optional<Duration> interval(ModelSpec model) {
        if (!model.provider().isLocal()) {
            return Optional.empty(); // never spend hosted tokens on warmth
        }
        JsonNode v = model.provider().params().get("keepWarm");
        if (v == null || v.isNull() || v.isBoolean() && !v.asBoolean()) {
            return Optional.empty();
        }
        Duration d = v.isNumber() ? Duration.ofSeconds(v.asLong()) : parseDuration(v.asText());
        if (d == null || !d.isPositive()) {
            return Optional.empty();
        }
        return Optional.of(d.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : d);
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, bare seconds, or ISO-8601 ({@code PT5M}); null when unreadable. */
    static Duration parseDuration(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(s));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Schedules every model that asks for it; returns how many were scheduled. */
    public synchronized int start(Collection<ModelSpec> models) {
        int n = 0;
        for (ModelSpec model : models) {
            Optional<Duration> every = interval(model);
            if (every.isEmpty()) {
                continue;
            }
            Duration d = every.get();
            tasks.add(scheduler.scheduleWithFixedDelay(() -> pingOnce(model, d), 0, d.toMillis(), TimeUnit.MILLISECONDS));
            n++;
        }
        return n;
    }

    private void pingOnce(ModelSpec model, Duration interval) {
        try {
            ping.ping(model, interval);
            LOG.atDebug().setMessage("keep_warm").addKeyValue("model", model.ref()).addKeyValue("outcome", "ok").log();
        } catch (Exception e) {
            // A failed ping is not a failed request: no cooldown; the next real request will find out.
            LOG.atInfo().setMessage("keep_warm").addKeyValue("model", model.ref()).addKeyValue("outcome", "failed")
                    .addKeyValue("error", e.toString()).log();
        }
    }

    /** Stops pinging; also the way to reschedule after a config reload (close, new scheduler, start). */
    @Override
    public synchronized void close() {
        tasks.forEach(t -> t.cancel(true));
        tasks.clear();
        scheduler.shutdownNow();
    }

    /** The standard ping: Ollama's load-only generate call, else a one-token request through the adapter. */
    public static WarmPing standard(HttpClient client, Function<String, UpstreamAdapter> adapters) {
        return (model, interval) -> {
            if ("ollama".equals(model.api())) {
                String base = model.provider().baseUrl().replaceAll("/+$", "");
                String root = base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base;
                long keepAlive = interval.multipliedBy(2).toSeconds();
                String body = "{\"model\":" + quote(model.id()) + ",\"prompt\":\"\",\"keep_alive\":\"" + keepAlive + "s\"}";
                HttpRequest request = HttpRequest.newBuilder(URI.create(root + "/api/generate"))
                        .timeout(Duration.ofMinutes(5)) // a cold load may take minutes; that is the point
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 != 2) {
                    throw new IllegalStateException("ollama keep-warm answered " + r.statusCode());
                }
                return;
            }
            UpstreamAdapter adapter = adapters.apply(model.api());
            if (adapter == null) {
                throw new IllegalStateException("no adapter for api " + model.api());
            }
            ChatRequest one = ChatRequest.ofUserText(model.ref(), "ping").withMaxOutputTokens(1);
            CallOptions options = CallOptions.DEFAULT.withFirstByteTimeout(
                    model.provider().firstByteTimeout() != null ? model.provider().firstByteTimeout()
                            : CallOptions.DEFAULT.firstByteTimeout());
            try (EventStream s = adapter.open(one, model, options)) {
                for (int i = 0; i < 10_000 && s.next() != null; i++) {
                    // drain the (one-token) answer so the server finishes the request normally
                }
            }
        };
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
