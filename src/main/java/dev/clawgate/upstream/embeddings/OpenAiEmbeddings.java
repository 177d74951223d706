package dev.clawgate.upstream.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.codec.Endpoints;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.wire.EmbeddingRequest;
import dev.clawgate.wire.EmbeddingResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST {baseUrl}/embeddings}, OpenAI's shape. Floats are asked for (every compatible server speaks
 * them); a server that answers base64 anyway is decoded too. The gateway encodes for its own client.
 */
final class OpenAiEmbeddings implements EmbeddingsClient {

    private final HttpTransport transport;

    OpenAiEmbeddings(HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public EmbeddingResult embed(EmbeddingRequest request, ModelSpec model, CallOptions options) {
        ObjectNode body = EmbeddingsClients.body(request, model);
        body.put("encoding_format", "float");
        JsonNode answer = EmbeddingsClients.post(transport, Endpoints.uri(model.provider(), "/embeddings"),
                Endpoints.bearerHeaders(model.provider(), "application/json"), body, options, model.ref());
        JsonNode data = answer.path("data");
        if (!data.isArray() || data.size() != request.inputs().size()) {
            throw EmbeddingsClients.malformed(model.ref(), "has " + (data.isArray() ? data.size() : 0)
                    + " embeddings for " + request.inputs().size() + " inputs");
        }
        float[][] ordered = new float[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            if (index < 0 || index >= ordered.length) {
                throw EmbeddingsClients.malformed(model.ref(), "has an embedding index " + index + " out of range");
            }
            JsonNode e = item.get("embedding");
            ordered[index] = e != null && e.isTextual() ? fromBase64(e.asText()) : EmbeddingsClients.vector(e, model.ref());
        }
        List<float[]> vectors = new ArrayList<>();
        for (float[] v : ordered) {
            if (v == null) { // two items claimed one index, so another has none
                throw EmbeddingsClients.malformed(model.ref(), "repeats an embedding index");
            }
            vectors.add(v);
        }
        JsonNode tokens = answer.path("usage").path("prompt_tokens");
        return EmbeddingsClients.result(vectors, tokens, request);
    }

    private static float[] fromBase64(String text) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(text)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(v);
        return v;
    }
}
