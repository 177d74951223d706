package dev.clawgate.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.catalog.ProviderSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * What a local model server lists, read the way each server publishes it: LM Studio's {@code /api/v0/models}
 * (ids, load state, {@code loaded_context_length}, {@code max_context_length}), Ollama's {@code /api/tags} and
 * {@code /api/ps} (and {@code /api/show} for one model's trained context), and the OpenAI-style
 * {@code {baseUrl}/models} (vLLM adds {@code max_model_len}). Shared by {@code doctor} (what the server has) and
 * the router's run-time discovery of models the config does not declare. Network errors propagate: callers
 * word them for their reader.
 */
public final class ServerModelList {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param failure the listing's HTTP status when the server answered but not with a model list; else null
     * @param loaded ids loaded in memory, or null when the server cannot say
     * @param contextInUse per id, the context the server runs it with (vLLM, LM Studio loaded, Ollama running)
     * @param contextMax per id, the most it could run with (LM Studio {@code max_context_length})
     */
    public record Listing(String failure, Set<String> ids, Set<String> loaded, Map<String, Integer> contextInUse,
            Map<String, Integer> contextMax) {

        public boolean lists(String id) {
            return ids.contains(id) || ids.contains(id + ":latest");
        }

        /** The window to budget a model against: what the server runs it with, else its maximum; null: unknown. */
        public Integer contextWindow(String id) {
            for (String key : new String[] {id, id + ":latest"}) {
                if (contextInUse.get(key) != null) {
                    return contextInUse.get(key);
                }
                if (contextMax.get(key) != null) {
                    return contextMax.get(key);
                }
            }
            return null;
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    public ServerModelList(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    /** The server's root: the base URL without a trailing {@code /v1}. */
    public static String root(ProviderSpec provider) {
        String base = provider.baseUrl().endsWith("/") ? provider.baseUrl().substring(0, provider.baseUrl().length() - 1)
                : provider.baseUrl();
        return base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base;
    }

    public Listing list(ProviderSpec provider) throws IOException, InterruptedException {
        String base = provider.baseUrl().endsWith("/") ? provider.baseUrl().substring(0, provider.baseUrl().length() - 1)
                : provider.baseUrl();
        String root = root(provider);
        if ("ollama".equals(provider.api())) {
            return ollama(root, provider);
        }
        Answer lmStudio = get(root + "/api/v0/models", provider);
        if (lmStudio.status() == 200 && lmStudio.json() != null && lmStudio.json().path("data").isArray()) {
            return lmStudio(lmStudio.json().path("data"));
        }
        Answer models = get(base + "/models", provider);
        if (models.status() != 200 || models.json() == null) {
            return new Listing("GET " + base + "/models answered HTTP " + models.status(), Set.of(), null, Map.of(),
                    Map.of());
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
        return new Listing(null, ids, null, limits, Map.of());
    }

    /** Ollama's {@code POST /api/show}: the model's trained context ({@code model_info.<arch>.context_length}). */
    public OptionalInt ollamaContextLength(ProviderSpec provider, String model) throws IOException, InterruptedException {
        HttpRequest post = request(root(provider) + "/api/show", provider).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("model", model).toString()))
                .build();
        JsonNode json = parse(client.send(post, HttpResponse.BodyHandlers.ofString()).body());
        if (json != null) {
            for (var fields = json.path("model_info").fields(); fields.hasNext(); ) {
                var field = fields.next();
                if (field.getKey().endsWith(".context_length") && field.getValue().asInt() > 0) {
                    return OptionalInt.of(field.getValue().asInt());
                }
            }
        }
        return OptionalInt.empty();
    }

    private Listing ollama(String root, ProviderSpec provider) throws IOException, InterruptedException {
        Answer tags = get(root + "/api/tags", provider);
        if (tags.status() != 200 || tags.json() == null) {
            return new Listing("GET " + root + "/api/tags answered HTTP " + tags.status(), Set.of(), null, Map.of(),
                    Map.of());
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
        return new Listing(null, ids, loaded, limits, Map.of());
    }

    private static Listing lmStudio(JsonNode data) {
        Set<String> ids = new HashSet<>();
        Set<String> loaded = new HashSet<>();
        Map<String, Integer> inUse = new HashMap<>();
        Map<String, Integer> max = new HashMap<>();
        for (JsonNode m : data) {
            String id = m.path("id").asText();
            ids.add(id);
            if (m.path("max_context_length").asInt(0) > 0) {
                max.put(id, m.path("max_context_length").asInt());
            }
            if ("loaded".equals(m.path("state").asText())) {
                loaded.add(id);
                int ctx = m.path("loaded_context_length").asInt(0);
                if (ctx > 0) {
                    inUse.put(id, ctx);
                }
            }
        }
        return new Listing(null, ids, loaded, inUse, max);
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
        return new Answer(response.statusCode(), parse(response.body()));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return null; // an HTML or text error page: the status says enough
        }
    }

    /** A request with the provider's credential, as its API sends it. */
    public HttpRequest.Builder request(String url, ProviderSpec provider) {
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

    public HttpClient client() {
        return client;
    }
}
