package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: OpenAI's list shape, or Anthropic's
 * ({@code type: "model"}, {@code display_name}, {@code created_at}, {@code has_more}, {@code first_id},
 * {@code last_id}) when the request carries {@code anthropic-version}, as every Anthropic SDK sends it. A
 * client key with {@code models} sees only the models it may use.
 */
final class ModelsEndpoint {

    static final String PREFIX = "/v1/models/";
    private static final io.helidon.http.HeaderName ANTHROPIC_VERSION = HeaderNames.create("anthropic-version");
    /** Clawgate does not know when a model was released; Anthropic's field is required, so the epoch stands in. */
    private static final String UNKNOWN_CREATED_AT = "1970-01-01T00:00:00Z";

    private final ModelDirectory directory;
    private final InboundApi openAiShape;
    private final InboundApi anthropicShape;
    private final KeyAccess keys;

    ModelsEndpoint(ModelDirectory directory, InboundApi openAiShape, InboundApi anthropicShape, KeyAccess keys) {
        this.directory = directory;
        this.keys = keys;
        this.openAiShape = openAiShape;
        this.anthropicShape = anthropicShape;
    }

    private static boolean anthropic(ServerRequest req) {
        return req.headers().contains(ANTHROPIC_VERSION);
    }

    /** The entries the request's client key may use (all of them for the gateway token). */
    private java.util.List<ModelEntry> visible(ServerRequest req) {
        String keyId = GatewayFilter.keyId(req);
        return directory.models().stream().filter(m -> keys.allows(keyId, m.id())
                || m.aliases().stream().anyMatch(a -> keys.allows(keyId, a))).toList();
    }

    void list(ServerRequest req, ServerResponse res) {
        java.util.List<ModelEntry> entries = visible(req);
        if (anthropic(req)) {
            ObjectNode root = Json.object();
            ArrayNode data = root.putArray("data");
            for (ModelEntry m : entries) {
                data.add(anthropicModel(m));
            }
            root.put("has_more", false);
            root.put("first_id", data.isEmpty() ? null : data.get(0).get("id").textValue());
            root.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id").textValue());
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(Json.bytes(root));
            return;
        }
        ObjectNode root = Json.object();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (ModelEntry m : entries) {
            data.add(model(m));
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(root));
    }

    /** The id is everything after {@code /v1/models/}: references contain '/' ({@code openrouter/moonshotai/kimi-k2}). */
    void one(ServerRequest req, ServerResponse res) {
        String id = req.path().path().substring(PREFIX.length());
        String keyId = GatewayFilter.keyId(req);
        Optional<ModelEntry> entry = directory.find(id).filter(m -> keys.allows(keyId, id) || keys.allows(keyId, m.id()));
        if (entry.isEmpty()) {
            GatewayFilter.sendError(res, anthropic(req) ? anthropicShape : openAiShape, new ApiError(404, ApiError.Kind.NOT_FOUND,
                    "The model '" + id + "' does not exist", "model", "model_not_found"), GatewayFilter.requestId(req));
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(anthropic(req) ? anthropicModel(entry.get()) : model(entry.get())));
    }

    private static ObjectNode anthropicModel(ModelEntry m) {
        ObjectNode o = Json.object();
        o.put("type", "model");
        o.put("id", m.id());
        o.put("display_name", m.id());
        o.put("created_at", UNKNOWN_CREATED_AT);
        if (m.contextWindow() != null) {
            o.put("max_input_tokens", m.contextWindow());
        }
        return o;
    }

    private static ObjectNode model(ModelEntry m) {
        ObjectNode o = Json.object();
        o.put("id", m.id());
        o.put("object", "model");
        o.put("created", 0);
        o.put("owned_by", m.ownedBy());
        if (m.contextWindow() != null) {
            o.put("context_window", m.contextWindow());
        }
        if ("embedding".equals(m.kind())) {
            o.put("kind", "embedding");
        }
        if (!m.aliases().isEmpty()) {
            ArrayNode a = o.putArray("aliases");
            m.aliases().forEach(a::add);
        }
        return o;
    }
}
