package dev.clawgate.gateway;

import dev.clawgate.gateway.openai.ResponseStore;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * {@code GET} and {@code DELETE /v1/responses/{id}} as OpenAI defines them: the stored response object, or
 * {@code {"id", "object": "response", "deleted": true}}; an unknown id (never stored, deleted, past retention)
 * is a 404 in OpenAI's error shape.
 */
final class StoredResponsesEndpoint {

    static final String PREFIX = "/v1/responses/";

    private final ResponseStore store;
    private final InboundApi api;

    StoredResponsesEndpoint(ResponseStore store, InboundApi api) {
        this.store = store;
        this.api = api;
    }

    void get(ServerRequest req, ServerResponse res) {
        String id = id(req);
        Optional<ResponseStore.Stored> stored = store.find(id);
        if (stored.isEmpty()) {
            notFound(req, res, id);
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(stored.get().response()));
    }

    void delete(ServerRequest req, ServerResponse res) {
        String id = id(req);
        if (!store.delete(id)) {
            notFound(req, res, id);
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(Json.object().put("id", id).put("object", "response").put("deleted", true)));
    }

    private static String id(ServerRequest req) {
        return req.path().path().substring(PREFIX.length());
    }

    private void notFound(ServerRequest req, ServerResponse res, String id) {
        GatewayFilter.sendError(res, api, new ApiError(404, ApiError.Kind.NOT_FOUND, "Response with id '" + id
                + "' not found (never stored, deleted, or past retention)", null, null), GatewayFilter.requestId(req));
    }
}
