package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.routing.RouteOptions;
import dev.clawgate.usage.TokenEstimator;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;

/**
 * {@code POST /v1/messages/count_tokens} (the Anthropic SDKs' {@code messages.countTokens}): the request is
 * decoded as a Messages request ({@code max_tokens} is not needed here). When the model routes to an
 * Anthropic upstream, that upstream counts it ({@code x-clawgate-token-count: upstream}); otherwise, or when
 * it cannot, the local estimator does, which the answer says in {@code x-clawgate-token-count: estimated},
 * since the model that would serve the call may tokenize differently.
 */
final class CountTokensEndpoint implements Handler {

    static final String PATH = "/v1/messages/count_tokens";

    private final InboundApi messages;
    private final GatewaySettings.Limits limits;
    private final UpstreamCounter upstream;

    private final KeyAccess keys;

    /**
     * The upstream's count for a model, or empty to estimate locally. Counting sends the whole prompt, so it goes
     * under the caller's options (its client key and the key's privacy) like a model call.
     */
    @FunctionalInterface
    interface UpstreamCounter {
        java.util.OptionalLong count(String model, ObjectNode messagesRequest, RouteOptions options);

        UpstreamCounter NONE = (model, request, options) -> java.util.OptionalLong.empty();
    }

    CountTokensEndpoint(InboundApi messages, GatewaySettings.Limits limits, UpstreamCounter upstream, KeyAccess keys) {
        this.messages = messages;
        this.limits = limits;
        this.upstream = upstream;
        this.keys = keys;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String requestId = GatewayFilter.requestId(req);
        long estimate;
        java.util.OptionalLong counted;
        try {
            byte[] body = RequestBodyReader.readWithDeadline(req.content().inputStream(),
                    req.headers().contentLength().orElse(-1L), limits.maxRequestBytes(), limits.requestReceiveTimeout(),
                    System.nanoTime());
            JsonNode json = Json.parseRequestBody(body);
            if (json instanceof ObjectNode o && !o.has("max_tokens")) {
                o.put("max_tokens", 1); // count_tokens takes no max_tokens; the decoder of message calls wants one
            }
            dev.clawgate.wire.ChatRequest request = messages.decode(json).request();
            String keyId = GatewayFilter.keyId(req);
            KeyAccess.Refusal refusal = keys.check(keyId, request.model());
            if (refusal != null) {
                refusal.retryAfterHeader(res);
                GatewayFilter.sendError(res, messages, refusal.error(), requestId);
                return;
            }
            counted = upstream.count(request.model(), (ObjectNode) json,
                    keys.options(keyId, RouteOptions.DEFAULT.forRequest(requestId)));
            estimate = counted.isPresent() ? counted.getAsLong()
                    : TokenEstimator.shared().estimatePromptTokens(request);
        } catch (RequestBodyReader.LimitExceededException e) {
            res.header(HeaderNames.CONNECTION, "close");
            GatewayFilter.sendError(res, messages, e.error, requestId);
            return;
        } catch (InvalidRequestException e) {
            GatewayFilter.sendError(res, messages, e.toApiError(), requestId);
            return;
        } catch (UncheckedIOException e) {
            return; // the client went away while uploading
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header("x-clawgate-token-count", counted.isPresent() ? "upstream" : "estimated");
        res.send(Json.bytes(Json.object().put("input_tokens", estimate)));
    }
}
