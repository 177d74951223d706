package dev.clawgate.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.catalog.ProviderSpec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Asks a model server what it serves, the way a user would with {@code curl}: LM Studio's
 * {@code /api/v0/models} (ids, load state, loaded context length), Ollama's {@code /api/tags} and
 * {@code /api/ps}, and the OpenAI-style {@code /v1/models} (vLLM adds {@code max_model_len}). For
 * {@code openai-responses} providers it also checks that {@code /responses} exists by sending a body
 * naming a configured model but no input, which a server with the endpoint rejects as invalid without
 * generating. vLLM and LM Studio answer 404 for an unknown model too ("The model `x` does not exist"), so a
 * 404 whose body talks about a model means the endpoint is there; only a 404 (or 405) about the route
 * means it is missing.
 */
public final class ServerInventory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    public ServerInventory(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    public ServerReport inspect(ProviderSpec provider) {
        return inspect(provider, null);
    }

    /** As {@link #inspect(ProviderSpec)}, probing {@code /responses} with {@code modelId} (one the config uses). */
    public ServerReport inspect(ProviderSpec provider, String modelId) {
        String base = provider.baseUrl();
        String root = base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base;
        try {
            if ("ollama".equals(provider.api())) {
                return ollama(root, provider);
            }
            Answer lmStudio = get(root + "/api/v0/models", provider);
            if (lmStudio.status() == 200 && lmStudio.json() != null && lmStudio.json().path("data").isArray()) {
                return withResponsesCheck(lmStudio(lmStudio.json().path("data")), provider, modelId);
            }
            Answer models = get(base + "/models", provider);
            if (models.status() != 200 || models.json() == null) {
                return new ServerReport(true, "GET " + base + "/models answered HTTP " + models.status(), Set.of(),
                        null, Map.of(), null);
            }
            Set<String> ids = new HashSet<>();
            Map<String, Integer> limits = new HashMap<>();
            for (JsonNode m : models.json().path("data")) {
                String id = m.path("id").asText();
                ids.add(id);
                if (m.path("max_model_len").canConvertToInt() && m.path("max_model_len").asInt() > 0) {
                    limits.put(id, m.path("max_model_len").asInt());
                }
            }
            return withResponsesCheck(new ServerReport(true, null, ids, null, limits, null), provider, modelId);
        } catch (ConnectException e) {
            return ServerReport.unreachable("connection refused");
        } catch (HttpConnectTimeoutException e) {
            return ServerReport.unreachable("no connection within " + timeout.toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return ServerReport.unreachable("connected, but no answer within " + timeout.toMillis() + " ms (hung or still loading)");
        } catch (IOException e) {
            return ServerReport.unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServerReport.unreachable("interrupted");
        }
    }

    private ServerReport ollama(String root, ProviderSpec provider) throws IOException, InterruptedException {
        Answer tags = get(root + "/api/tags", provider);
        if (tags.status() != 200 || tags.json() == null) {
            return new ServerReport(true, "GET " + root + "/api/tags answered HTTP " + tags.status(), Set.of(), null,
                    Map.of(), null);
        }
        Set<String> ids = names(tags.json().path("models"));
        Set<String> loaded = new HashSet<>();
        Map<String, Integer> limits = new HashMap<>();
        Answer ps = get(root + "/api/ps", provider);
        if (ps.status() == 200 && ps.json() != null) {
            for (JsonNode m : ps.json().path("models")) {
                for (String name : new String[] {m.path("name").asText(""), m.path("model").asText("")}) {
                    if (!name.isEmpty()) {
                        loaded.add(name);
                        if (m.path("context_length").asInt() > 0) {
                            limits.put(name, m.path("context_length").asInt());
                        }
                    }
                }
            }
        }
        return new ServerReport(true, null, ids, loaded, limits, null);
    }

    private static ServerReport lmStudio(JsonNode data) {
        Set<String> ids = new HashSet<>();
        Set<String> loaded = new HashSet<>();
        Map<String, Integer> limits = new HashMap<>();
        for (JsonNode m : data) {
            String id = m.path("id").asText();
            ids.add(id);
            if ("loaded".equals(m.path("state").asText())) {
                loaded.add(id);
                int ctx = m.path("loaded_context_length").asInt(0);
                if (ctx > 0) {
                    limits.put(id, ctx);
                }
            }
        }
        return new ServerReport(true, null, ids, loaded, limits, null);
    }

    private ServerReport withResponsesCheck(ServerReport report, ProviderSpec provider, String modelId)
            throws IOException, InterruptedException {
        if (!"openai-responses".equals(provider.api())) {
            return report;
        }
        String body = modelId == null ? "{}" : JSON.createObjectNode().put("model", modelId).toString();
        HttpRequest.Builder post = request(provider.baseUrl() + "/responses", provider)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = client.send(post.build(), HttpResponse.BodyHandlers.ofString());
        boolean missing = (answer.statusCode() == 404 || answer.statusCode() == 405)
                && !answer.body().toLowerCase(java.util.Locale.ROOT).contains("model");
        return new ServerReport(report.reachable(), report.failure(), report.models(), report.loaded(),
                report.contextLimits(), !missing);
    }

    private static Set<String> names(JsonNode models) {
        Set<String> ids = new HashSet<>();
        for (JsonNode m : models) {
            for (String field : new String[] {"name", "model"}) {
                String v = m.path(field).asText("");
                if (!v.isEmpty()) {
                    ids.add(v);
                    if (v.endsWith(":latest")) {
                        ids.add(v.substring(0, v.length() - ":latest".length()));
                    }
                }
            }
        }
        return ids;
    }

    private record Answer(int status, JsonNode json) {}

    private Answer get(String url, ProviderSpec provider) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(url, provider).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException notJson) {
            // an HTML or text error page: the status says enough
        }
        return new Answer(response.statusCode(), json);
    }

    private HttpRequest.Builder request(String url, ProviderSpec provider) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (provider.hasCredential()) {
            if ("anthropic-messages".equals(provider.api()) && !provider.authHeader()) {
                b.header("x-api-key", provider.apiKey()).header("anthropic-version", "2023-06-01");
            } else {
                b.header("Authorization", "Bearer " + provider.apiKey());
            }
        }
        return b;
    }
}
