package dev.clawgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.routing.AllCandidatesFailedException;
import dev.clawgate.routing.EmbeddingsRouter;
import dev.clawgate.routing.PrivacyBlockedException;
import dev.clawgate.routing.RouteHeaders;
import dev.clawgate.routing.RouteOptions;
import dev.clawgate.routing.UnknownModelException;
import dev.clawgate.wire.EmbeddingRequest;
import dev.clawgate.wire.Usage;
import dev.clawgate.wire.UpstreamException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code POST /v1/embeddings}, OpenAI's shape: {@code model}, {@code input} (a string or an array of
 * strings), {@code encoding_format} ({@code float} or {@code base64}, little-endian float32 as OpenAI
 * sends it), {@code dimensions}. Routed by {@link Embedder} down the model's chain; the answer names the
 * model that served it and reports the prompt tokens in {@code usage}.
 */
final class EmbeddingsEndpoint implements Handler {

    static final String PATH = "/v1/embeddings";

    /**
     * Routes one embeddings request with the caller's options (its client key, the key's privacy); the runtime
     * adds {@code agents.defaults.privacy}.
     */
    @FunctionalInterface
    interface Embedder {
        EmbeddingsRouter.Routed embed(EmbeddingRequest request, RouteOptions options);
    }

    private final Embedder embedder;
    private final InboundApi api;
    private final GatewayMetrics metrics;
    private final Supplier<GatewaySettings.Limits> limits;
    private final KeyAccess keys;

    EmbeddingsEndpoint(Embedder embedder, InboundApi api, GatewayMetrics metrics,
            Supplier<GatewaySettings.Limits> limits, KeyAccess keys) {
        this.embedder = embedder;
        this.keys = keys;
        this.api = api;
        this.metrics = metrics;
        this.limits = limits;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long received = System.nanoTime();
        String requestId = GatewayFilter.requestId(req);
        EmbeddingRequest request;
        boolean base64;
        try {
            byte[] body = RequestBodyReader.readWithDeadline(req.content().inputStream(),
                    req.headers().contentLength().orElse(-1L), limits.get().maxRequestBytes(),
                    limits.get().requestReceiveTimeout(), received);
            JsonNode json = Json.parseRequestBody(body);
            request = decode(json);
            String format = json.path("encoding_format").asText("float");
            if (!format.equals("float") && !format.equals("base64")) {
                throw new InvalidRequestException("encoding_format must be \"float\" or \"base64\", not \""
                        + format + "\"", "encoding_format");
            }
            base64 = format.equals("base64");
        } catch (RequestBodyReader.LimitExceededException e) {
            res.header(HeaderNames.CONNECTION, "close");
            fail(res, e.error, requestId, received);
            return;
        } catch (InvalidRequestException e) {
            fail(res, e.toApiError(), requestId, received);
            return;
        } catch (UncheckedIOException e) {
            return; // the client went away while uploading
        }
        // a client key's models and rate limit hold here as on the chat APIs, and its privacy below
        String keyId = GatewayFilter.keyId(req);
        KeyAccess.Refusal refusal = keys.check(keyId, request.model());
        if (refusal != null) {
            refusal.retryAfterHeader(res);
            fail(res, refusal.error(), requestId, received);
            return;
        }
        EmbeddingsRouter.Routed routed;
        try {
            routed = embedder.embed(request, keys.options(keyId, RouteOptions.DEFAULT.forRequest(requestId)));
        } catch (UnknownModelException e) {
            fail(res, RouterErrors.unknownModel(e), requestId, received);
            return;
        } catch (PrivacyBlockedException e) {
            res.header(RouteHeaders.ATTEMPTS, HeaderValues.safe(RouteHeaders.attempts(e.attempts())));
            fail(res, RouterErrors.dataPolicyBlocked(e),
                    requestId, received);
            return;
        } catch (AllCandidatesFailedException e) {
            res.header(RouteHeaders.ATTEMPTS, HeaderValues.safe(RouteHeaders.attempts(e.attempts())));
            fail(res, RouterErrors.allFailed(e), requestId, received);
            return;
        } catch (UpstreamException e) {
            fail(res, RouterErrors.upstream(e), requestId, received);
            return;
        }
        String modelRef = routed.model().ref();
        long tokens = routed.result().promptTokens();
        metrics.tokens("embeddings", routed.model().ref(), routed.model(), new Usage(tokens, 0, 0, 0, 0, routed.result().estimated()));
        ObjectNode answer = Json.object().put("object", "list");
        ArrayNode data = answer.putArray("data");
        List<float[]> vectors = routed.result().vectors();
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                item.put("embedding", base64(vectors.get(i)));
            } else {
                ArrayNode v = item.putArray("embedding");
                for (float f : vectors.get(i)) {
                    v.add(f);
                }
            }
        }
        answer.put("model", modelRef);
        answer.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        res.header(RouteHeaders.ATTEMPTS, HeaderValues.safe(RouteHeaders.attempts(routed.attempts())));
        if (routed.result().estimated()) {
            res.header("x-clawgate-token-count", "estimated");
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(answer));
        metrics.request("embeddings", modelRef, 200, Duration.ofNanos(System.nanoTime() - received));
    }

    private static EmbeddingRequest decode(JsonNode json) {
        if (!json.isObject()) {
            throw new InvalidRequestException("The body must be a JSON object", null);
        }
        JsonNode model = json.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new InvalidRequestException("model is required: name a configured model", "model");
        }
        JsonNode input = json.get("input");
        List<String> inputs = new ArrayList<>();
        if (input != null && input.isTextual()) {
            inputs.add(input.asText());
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw new InvalidRequestException("input must be a string or an array of strings "
                            + "(token arrays are not supported: send the text)", "input");
                }
                inputs.add(item.asText());
            }
        } else {
            throw new InvalidRequestException("input is required: a string or a non-empty array of "
                    + "strings", "input");
        }
        JsonNode dimensions = json.get("dimensions");
        if (dimensions != null && !dimensions.isNull() && (!dimensions.canConvertToInt() || dimensions.asInt() < 1)) {
            throw new InvalidRequestException("dimensions must be a positive integer", "dimensions");
        }
        return new EmbeddingRequest(model.asText(), inputs,
                dimensions == null || dimensions.isNull() ? null : dimensions.asInt());
    }

    /** OpenAI's base64 encoding: the float32 values, little-endian. */
    private static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private void fail(ServerResponse res, ApiError error, String requestId, long received) {
        GatewayFilter.sendError(res, api, error, requestId);
        metrics.request("embeddings", "none", error.status(), Duration.ofNanos(System.nanoTime() - received));
    }
}
