package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}} in OpenAI's list shape. */
final class ModelsEndpoint {

    static final String PREFIX = "/v1/models/";

    private final ModelDirectory directory;
    private final InboundApi errorShape;

    ModelsEndpoint(ModelDirectory directory, InboundApi errorShape) {
        this.directory = directory;
        this.errorShape = errorShape;
    }

    void list(ServerRequest req, ServerResponse res) {
        ObjectNode root = Json.object();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (ModelEntry m : directory.models()) {
            data.add(model(m));
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(root));
    }

    /** The id is everything after {@code /v1/models/}: references contain '/' ({@code openrouter/moonshotai/kimi-k2}). */
    void one(ServerRequest req, ServerResponse res) {
        String id = req.path().path().substring(PREFIX.length());
        Optional<ModelEntry> entry = directory.find(id);
        if (entry.isEmpty()) {
            GatewayFilter.sendError(res, errorShape, new ApiError(404, ApiError.Kind.NOT_FOUND,
                    "The model '" + id + "' does not exist", "model", "model_not_found"), GatewayFilter.requestId(req));
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(model(entry.get())));
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
        if (!m.aliases().isEmpty()) {
            ArrayNode a = o.putArray("aliases");
            m.aliases().forEach(a::add);
        }
        return o;
    }
}
