package dev.clawgate.gateway;

import dev.clawgate.routing.Attempt;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.Usage;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.usage.CostCalculator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The gateway's Prometheus metrics. Names follow the OpenTelemetry GenAI semantic conventions where one
 * exists ({@code gen_ai.server.request.duration}, {@code gen_ai.server.time_to_first_token},
 * {@code gen_ai.client.token.usage}); Clawgate-specific ones live under {@code clawgate.}. The {@code model}
 * tag is the catalog reference that answered (bounded by the catalog), never a client-supplied string; the
 * {@code key} tag of the request and cost counters is the authenticated client key's configured id
 * ({@code gateway.auth.keys[].id}, bounded by the config) or {@code none}.
 */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger openStreams = new AtomicInteger();

    // The meters of each tag combination, looked up once: building and registering a meter per call (a tag
    // list merged and sorted, an id hashed, the registry's map searched) was about 2 % of the gateway's CPU per
    // request (issue 17). The tags are bounded (catalog models, configured keys, statuses), as the registry's.
    private record RequestTags(String api, String model, int status, String key) {}
    private record RequestMeters(Counter count, Timer duration) {}
    private record ModelTags(String api, String model) {}
    private record TokenMeters(DistributionSummary input, DistributionSummary output) {}
    private record CostTags(String api, String model, String key) {}
    private record ContactTags(String provider, String region) {}
    private record ContactMeters(Counter requests, Counter sent, Counter received) {}
    private record FailureTags(FailureClass failure, String phase) {}

    private final Map<RequestTags, RequestMeters> requestMeters = new ConcurrentHashMap<>();
    private final Map<ModelTags, Timer> firstTokenTimers = new ConcurrentHashMap<>();
    private final Map<ModelTags, TokenMeters> tokenMeters = new ConcurrentHashMap<>();
    private final Map<CostTags, Counter> costCounters = new ConcurrentHashMap<>();
    private final Map<ContactTags, ContactMeters> contactMeters = new ConcurrentHashMap<>();
    private final Map<FailureTags, Counter> failureCounters = new ConcurrentHashMap<>();

    /** The cached meters of {@code tags}, registered on first use. */
    private static <T, M> M meters(Map<T, M> cache, T tags, Function<T, M> register) {
        M found = cache.get(tags);
        return found != null ? found : cache.computeIfAbsent(tags, register);
    }

    public GatewayMetrics() {
        Gauge.builder("clawgate.gateway.open_streams", openStreams, AtomicInteger::get)
                .description("Model calls currently streaming or being collected").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private final List<Runnable> beforeScrape = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Prometheus text exposition. */
    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    /** Runs {@code refresh} before each scrape: gauges whose set of series changes (budgets after a reload). */
    void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    /** Model calls streaming or being collected right now. */
    public int openStreams() {
        return openStreams.get();
    }

    void streamOpened() {
        openStreams.incrementAndGet();
    }

    void streamClosed() {
        openStreams.decrementAndGet();
    }

    void request(String api, String model, int status, Duration duration) {
        request(api, model, status, duration, null);
    }

    /** @param keyId the client key the request authenticated with, or null */
    void request(String api, String model, int status, Duration duration, String keyId) {
        RequestMeters m = meters(requestMeters, new RequestTags(api, model, status, keyTag(keyId)), t -> new RequestMeters(
                Counter.builder("clawgate.gateway.requests")
                        .description("Requests answered, by inbound API, model, status and client key")
                        .tag("api", t.api()).tag("model", t.model()).tag("status", Integer.toString(t.status()))
                        .tag("key", t.key()).register(registry),
                Timer.builder("gen_ai.server.request.duration").description("Time from request received to last byte sent")
                        .tag("api", t.api()).tag("gen_ai.response.model", t.model())
                        .tag("error.type", t.status() < 400 ? "none" : Integer.toString(t.status()))
                        .register(registry)));
        m.count().increment();
        m.duration().record(duration);
    }

    void timeToFirstToken(String api, String model, Duration ttft) {
        meters(firstTokenTimers, new ModelTags(api, model), t -> Timer.builder("gen_ai.server.time_to_first_token")
                .description("Time from request received to first output sent")
                .tag("api", t.api()).tag("gen_ai.response.model", t.model()).register(registry)).record(ttft);
    }

    /** Told the usage of every call the inbound APIs answered, after it is counted here. */
    @FunctionalInterface
    public interface UsageObserver {
        /** @param requestedModel what the client asked for ({@code clawgate} for an agent turn) */
        void answered(String requestedModel, ModelSpec model, Usage usage, double costUsd);
    }

    private volatile UsageObserver usageObserver = (requestedModel, model, usage, costUsd) -> {};

    /** Replaces the observer of answered calls (the Control UI's usage page counts direct API calls with it). */
    public void observeUsage(UsageObserver observer) {
        this.usageObserver = observer;
    }

    void tokens(String api, String requestedModel, ModelSpec model, Usage usage) {
        tokens(api, requestedModel, model, usage, null);
    }

    void tokens(String api, String requestedModel, ModelSpec model, Usage usage, String keyId) {
        if (usage == null) {
            return;
        }
        TokenMeters tokens = meters(tokenMeters, new ModelTags(api, model.ref()),
                t -> new TokenMeters(tokenSummary(t, "input"), tokenSummary(t, "output")));
        tokens.input().record(usage.totalInputTokens());
        tokens.output().record(usage.outputTokens());
        double usd = CostCalculator.totalUsd(usage, model.cost()).doubleValue();
        if (usd > 0) {
            meters(costCounters, new CostTags(api, model.ref(), keyTag(keyId)), t -> Counter.builder("clawgate.usage.cost")
                    .baseUnit("usd").description("Cost of model calls at catalog prices (USD per 1M tokens x tokens)")
                    .tag("api", t.api()).tag("gen_ai.response.model", t.model()).tag("key", t.key())
                    .register(registry)).increment(usd);
        }
        usageObserver.answered(requestedModel, model, usage, usd);
    }

    private static String keyTag(String keyId) {
        return keyId != null ? keyId : "none";
    }

    private DistributionSummary tokenSummary(ModelTags tags, String type) {
        return DistributionSummary.builder("gen_ai.client.token.usage").baseUnit("tokens")
                .description("Tokens per model call").tag("api", tags.api()).tag("gen_ai.response.model", tags.model())
                .tag("gen_ai.token.type", type).register(registry);
    }

    /** Counts failed attempts by class and, when another model answered, one fallback by its first reason. */
    void attempts(List<Attempt> attempts, boolean fellBack) {
        String reason = null;
        for (Attempt a : attempts) {
            if (a.succeeded()) {
                continue;
            }
            String label = a.skipped() ? "skipped" : a.failure().label();
            if (reason == null) {
                reason = label;
            }
            if (!a.skipped()) {
                upstreamFailure(a.failure(), "before_first_event");
            }
        }
        if (fellBack) {
            Counter.builder("clawgate.router.fallbacks").description("Calls answered by a fallback, by the first failure")
                    .tag("reason", reason != null ? reason : "unknown").register(registry).increment();
        }
    }

    /**
     * One upstream contact from the data-flow ledger: requests and body bytes each way, by provider and region
     * ({@code local} for loopback and LAN, {@code unknown} when the provider has none).
     */
    public void upstreamContact(dev.clawgate.ledger.LedgerEntry e) {
        ContactMeters m = meters(contactMeters, new ContactTags(e.provider(), e.regionLabel()), t -> new ContactMeters(
                Counter.builder("clawgate.upstream.requests").description("Upstream contacts (model calls, embeddings)")
                        .tag("provider", t.provider()).tag("region", t.region()).register(registry),
                Counter.builder("clawgate.upstream.bytes.sent").baseUnit("bytes")
                        .description("Request body bytes sent upstream")
                        .tag("provider", t.provider()).tag("region", t.region()).register(registry),
                Counter.builder("clawgate.upstream.bytes.received").baseUnit("bytes")
                        .description("Response body bytes received from upstreams")
                        .tag("provider", t.provider()).tag("region", t.region()).register(registry)));
        m.requests().increment();
        m.sent().increment(e.bytesSent());
        m.received().increment(e.bytesReceived());
    }

    void upstreamFailure(FailureClass failure, String phase) {
        meters(failureCounters, new FailureTags(failure, phase), t -> Counter.builder("clawgate.upstream.failures")
                .description("Upstream failures by class").tag("class", t.failure().label()).tag("phase", t.phase())
                .register(registry)).increment();
    }

    void authFailure(String reason) {
        Counter.builder("clawgate.gateway.auth.failures").tag("reason", reason).register(registry).increment();
    }

    void limitRejected(String limit) {
        Counter.builder("clawgate.gateway.limit.rejections").tag("limit", limit).register(registry).increment();
    }

    void clientDisconnect(String api) {
        Counter.builder("clawgate.gateway.client.disconnects").description("Streams the client abandoned")
                .tag("api", api).register(registry).increment();
    }
}
