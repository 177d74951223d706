package dev.clawgate.gateway;

import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.routing.CooldownTracker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Readiness from a real reachability check of the default chain, not from the absence of failures: at
 * start and then every {@link #PERIOD}, each local server of the chain (loopback, private network: where
 * "nothing listens on the port" is the usual fault) gets one cheap {@code GET} of its model list
 * ({@code {baseUrl}/models}; Ollama {@code /api/tags}), sent without any key. Any HTTP answer, even 401 or
 * 404, means the server is there; a refused or silent connection means it is not. Ready when some model of
 * the chain has a credential, is not cooling down and, if local, answered the last probe.
 *
 * <p>Hosted providers are not probed: a health check must not tell a third party every 15 s that this
 * gateway is up (and {@code privacy: "local-only"} forbids contacting them at all); their faults show as
 * cooldowns after a real call. Probes cost no tokens and carry no secret.
 * {@link #check()} waits (bounded) for the first round, so that {@code /ready} at start already tells the
 * truth.
 */
final class ChainReadiness implements ReadinessCheck, AutoCloseable {

    static final Duration PERIOD = Duration.ofSeconds(15);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final Supplier<ModelCatalog> catalog;
    private final Predicate<ModelSpec> coolingDown;
    private final HttpClient client;
    private final Map<String, String> unreachable = new ConcurrentHashMap<>(); // probe URL -> why
    private final CompletableFuture<Void> firstRound = new CompletableFuture<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "clawgate-readiness");
        t.setDaemon(true);
        return t;
    });

    ChainReadiness(Supplier<ModelCatalog> catalog, Predicate<ModelSpec> coolingDown, HttpClient client) {
        this.catalog = catalog;
        this.coolingDown = coolingDown;
        this.client = client;
    }

    /** A model cools down while it, or its provider, is in the router's cooldown. */
    static Predicate<ModelSpec> coolingIn(CooldownTracker cooldowns, Clock clock) {
        return m -> {
            Instant now = clock.instant();
            return cooldowns.state(CooldownTracker.modelKey(m)).map(s -> s.until().isAfter(now)).orElse(false)
                    || cooldowns.state(CooldownTracker.providerKey(m.provider().id()))
                            .map(s -> s.until().isAfter(now)).orElse(false);
        };
    }

    ChainReadiness start() {
        scheduler.scheduleWithFixedDelay(this::probeRound, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Probes again soon (after a reload changed the chain). */
    void probeSoon() {
        try {
            scheduler.execute(this::probeRound);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // stopping
        }
    }

    @Override
    public Result check() {
        try {
            firstRound.get(PROBE_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // answer from what is known
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ModelSpec> chain = catalog.get().defaultChain();
        if (chain.isEmpty()) {
            return new Result(false, "no default model: set agents.defaults.model.primary");
        }
        List<String> unusable = new ArrayList<>();
        for (ModelSpec m : chain) {
            String why;
            if (!m.provider().authAvailable()) {
                why = "no credential";
            } else if (coolingDown.test(m)) {
                why = "cooling down";
            } else {
                why = m.provider().isLocal() ? unreachable.get(probeUrl(m)) : null;
                if (why == null) {
                    return new Result(true, "ok: " + m.ref() + " is usable (its server answered)");
                }
            }
            unusable.add(m.ref() + " (" + why + ")");
        }
        return new Result(false, "no usable model in the default chain: " + String.join(", ", unusable));
    }

    private void probeRound() {
        try {
            for (ModelSpec m : catalog.get().defaultChain()) {
                if (m.provider().isLocal()) {
                    String url = probeUrl(m);
                    String why = probe(url);
                    if (why == null) {
                        unreachable.remove(url);
                    } else {
                        unreachable.put(url, why);
                    }
                }
            }
        } finally {
            firstRound.complete(null);
        }
    }

    /** Null when the server answered; otherwise why not. */
    private String probe(String url) {
        try {
            client.send(HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return null;
        } catch (java.net.ConnectException e) {
            return "not reachable: " + url + " refused the connection";
        } catch (java.net.http.HttpTimeoutException e) {
            return "not reachable: " + url + " did not answer within " + PROBE_TIMEOUT.toMillis() + " ms";
        } catch (IOException | IllegalArgumentException e) {
            return "not reachable: " + url + ": " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "probe interrupted";
        }
    }

    static String probeUrl(ModelSpec m) {
        String base = m.provider().baseUrl();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String root = base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base;
        return switch (m.api()) {
            case "ollama" -> root + "/api/tags";
            default -> base + "/models";
        };
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
