package dev.clawgate.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.catalog.ModelSpec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Asks a local model server, cheaply, whether it is alive and whether the model is loaded, so the router
 * can tell "loading, wait up to the provider's timeoutSeconds" from "dead, move on now":
 *
 * <ul>
 *   <li>LM Studio: {@code GET {root}/api/v0/models}, entries with {@code state: "loaded" | "not-loaded"};
 *   <li>Ollama ({@code api: ollama}): {@code GET {root}/api/ps} (running) then {@code /api/tags} (pulled);
 *   <li>anything else OpenAI-compatible (vLLM, llama.cpp, SGLang): {@code GET {baseUrl}/models}; vLLM
 *       lists only what it serves, llama.cpp answers 503 while loading.
 * </ul>
 *
 * <p>Results are cached per server and model for a few seconds so a busy gateway asks at most once per
 * interval. Never used for hosted providers. The probe's timeout is short and never longer than the
 * call's own first-byte timeout.
 */
public final class LocalModelState implements LoadProbe {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Clock clock;
    private final Duration timeout;
    private final Duration cacheTtl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(LoadState state, Instant at) {}

    public LocalModelState(Clock clock) {
        this(defaultClient(DEFAULT_TIMEOUT), clock, DEFAULT_TIMEOUT, DEFAULT_CACHE_TTL);
    }

    public LocalModelState(HttpClient client, Clock clock, Duration timeout, Duration cacheTtl) {
        this.client = client;
        this.clock = clock;
        this.timeout = timeout;
        this.cacheTtl = cacheTtl;
    }

    public static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    @Override
    public LoadState check(ModelSpec model, Duration timeoutCap) {
        String key = model.provider().baseUrl() + "|" + model.api() + "|" + model.id();
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.at().plus(cacheTtl))) {
            return cached.state();
        }
        Duration t = timeoutCap != null && timeoutCap.isPositive() && timeoutCap.compareTo(timeout) < 0 ? timeoutCap : timeout;
        LoadState state = probe(model, t);
        cache.put(key, new Cached(state, now));
        return state;
    }

    /** Forgets cached answers (after a config reload, or when a test restarts a server). */
    public void invalidate() {
        cache.clear();
    }

    private LoadState probe(ModelSpec model, Duration t) {
        String base = stripSlash(model.provider().baseUrl());
        String root = base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base;
        try {
            if ("ollama".equals(model.api())) {
                return ollama(root, model.id(), t);
            }
            Answer lmStudio = get(root + "/api/v0/models", t);
            if (lmStudio.status() == 200 && lmStudio.json() != null && lmStudio.json().path("data").isArray()) {
                return lmStudio(lmStudio.json().path("data"), model.id());
            }
            return openAiModels(get(base + "/models", t), model.id());
        } catch (ConnectException e) {
            return LoadState.of(LoadState.Kind.REFUSED, "local server " + root + " refused the connection");
        } catch (HttpConnectTimeoutException e) {
            return LoadState.of(LoadState.Kind.NOT_ANSWERING,
                    "local server " + root + " did not accept a connection within " + t.toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return LoadState.of(LoadState.Kind.NOT_ANSWERING, "local server " + root
                    + " accepted the connection but did not answer its model list within " + t.toMillis() + " ms");
        } catch (IOException e) {
            // Reset or closed mid-answer: something is there but misbehaving; let the real call classify it.
            return LoadState.of(LoadState.Kind.UNKNOWN, "probe failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LoadState.of(LoadState.Kind.UNKNOWN, "probe interrupted");
        }
    }

    private LoadState ollama(String root, String id, Duration t) throws IOException, InterruptedException {
        Answer ps = get(root + "/api/ps", t);
        if (ps.status() == 200 && listed(ps.json(), "models", id)) {
            return LoadState.of(LoadState.Kind.LOADED, "ollama: " + id + " is running");
        }
        Answer tags = get(root + "/api/tags", t);
        if (tags.status() == 200 && listed(tags.json(), "models", id)) {
            return LoadState.of(LoadState.Kind.NOT_LOADED, "ollama: " + id + " is pulled but not loaded");
        }
        return LoadState.of(LoadState.Kind.UNKNOWN, "ollama: " + id + " not listed");
    }

    private static LoadState lmStudio(JsonNode data, String id) {
        for (JsonNode entry : data) {
            if (id.equals(entry.path("id").asText())) {
                String state = entry.path("state").asText("");
                return "loaded".equals(state)
                        ? LoadState.of(LoadState.Kind.LOADED, "lmstudio: " + id + " is loaded")
                        : LoadState.of(LoadState.Kind.NOT_LOADED, "lmstudio: " + id + " is " + state);
            }
        }
        return LoadState.of(LoadState.Kind.UNKNOWN, "lmstudio: " + id + " not listed");
    }

    private static LoadState openAiModels(Answer models, String id) {
        String body = models.text() == null ? "" : models.text().toLowerCase(Locale.ROOT);
        if (models.status() == 503 && body.contains("loading")) {
            return LoadState.of(LoadState.Kind.NOT_LOADED, "server is loading a model");
        }
        if (models.status() == 200 && listed(models.json(), "data", id)) {
            return LoadState.of(LoadState.Kind.LOADED, id + " is served");
        }
        return LoadState.of(LoadState.Kind.UNKNOWN, "models list answered " + models.status());
    }

    private static boolean listed(JsonNode json, String arrayField, String id) {
        if (json == null) {
            return false;
        }
        for (JsonNode entry : json.path(arrayField)) {
            for (String field : new String[] {"id", "name", "model"}) {
                String v = entry.path(field).asText("");
                if (v.equals(id) || v.equals(id + ":latest")) {
                    return true;
                }
            }
        }
        return false;
    }

    private record Answer(int status, String text, JsonNode json) {}

    private Answer get(String url, Duration t) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(t).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException notJson) {
            // HTML error page or plain text: the status alone must do
        }
        return new Answer(response.statusCode(), response.body(), json);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
