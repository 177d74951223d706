package dev.clawgate.upstream.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.upstream.codec.JsonExchange;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.EmbeddingRequest;
import dev.clawgate.wire.EmbeddingResult;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The embeddings client for each model {@code api}: the OpenAI-style APIs share {@code /embeddings}, Ollama
 * has {@code /api/embed}; Anthropic serves no embeddings (null).
 */
public final class EmbeddingsClients {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final EmbeddingsClient openAi;
    private final EmbeddingsClient ollama;

    public EmbeddingsClients(HttpTransport transport) {
        this.openAi = new OpenAiEmbeddings(transport);
        this.ollama = new OllamaEmbeddings(transport);
    }

    /** The client for {@code api}, or null when that API has no embeddings endpoint. */
    public EmbeddingsClient forApi(String api) {
        return switch (api) {
            case "openai-completions", "openai-responses" -> openAi;
            case "ollama" -> ollama;
            default -> null;
        };
    }

    /** POSTs {@code body} and reads the whole JSON answer. */
    static JsonNode post(HttpTransport transport, URI uri, Map<String, String> headers, ObjectNode body,
            CallOptions options, String modelRef) {
        return JsonExchange.post(transport, uri, headers, body, options, modelRef);
    }

    static UpstreamException malformed(String modelRef, String what) {
        return new UpstreamException(FailureClass.MALFORMED_RESPONSE, 0, modelRef + ": embeddings answer " + what,
                null, null);
    }

    static float[] vector(JsonNode array, String modelRef) {
        if (array == null || !array.isArray()) {
            throw malformed(modelRef, "has an embedding that is not an array of numbers");
        }
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }

    /** {@code model} and {@code input} (always an array), and {@code dimensions} when asked: both APIs' shared fields. */
    static ObjectNode body(EmbeddingRequest request, ModelSpec model) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model.id());
        request.inputs().forEach(body.putArray("input")::add);
        if (request.dimensions() != null) {
            body.put("dimensions", request.dimensions());
        }
        return body;
    }

    /** The vectors with the upstream's prompt-token count, or Clawgate's estimate when {@code tokens} is absent. */
    static EmbeddingResult result(List<float[]> vectors, JsonNode tokens, EmbeddingRequest request) {
        if (tokens.isNumber()) {
            return new EmbeddingResult(vectors, tokens.asLong(), false);
        }
        long estimate = request.inputs().stream().mapToLong(TokenEstimator.shared()::estimateOutputTokens).sum();
        return new EmbeddingResult(vectors, estimate, true);
    }
}
