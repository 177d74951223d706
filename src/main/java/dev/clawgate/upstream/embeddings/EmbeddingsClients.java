package dev.clawgate.upstream.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.upstream.transport.UpstreamHttpRequest;
import dev.clawgate.upstream.transport.UpstreamHttpResponse;
import dev.clawgate.wire.EmbeddingRequest;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The embeddings client for each model {@code api}: the OpenAI-style APIs share {@code /embeddings}, Ollama
 * has {@code /api/embed}; Anthropic serves no embeddings (null).
 */
public final class EmbeddingsClients {

    /** An embeddings answer larger than this is refused as malformed (a 3072-float vector is ~60 KB of JSON). */
    static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;
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

    /** POSTs {@code body} and reads the whole JSON answer; every failure classified as the transport does. */
    static JsonNode post(HttpTransport transport, URI uri, Map<String, String> headers, ObjectNode body,
            CallOptions options, String modelRef) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (UpstreamHttpResponse response = transport.send(UpstreamHttpRequest.post(uri, headers, bytes), options)) {
            byte[] answer;
            try {
                answer = response.body().readNBytes(MAX_ANSWER_BYTES + 1);
            } catch (IOException e) {
                throw transport.classify(e);
            }
            if (answer.length > MAX_ANSWER_BYTES) {
                throw new UpstreamException(FailureClass.MALFORMED_RESPONSE, 0, modelRef
                        + ": embeddings answer larger than " + MAX_ANSWER_BYTES + " bytes", null, null);
            }
            try {
                return MAPPER.readTree(answer);
            } catch (IOException e) {
                throw new UpstreamException(FailureClass.MALFORMED_RESPONSE, 0, modelRef
                        + ": embeddings answer is not JSON", null, e);
            }
        }
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
}
