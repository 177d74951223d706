package dev.clawgate.upstream.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.upstream.codec.Endpoints;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.wire.EmbeddingRequest;
import dev.clawgate.wire.EmbeddingResult;
import java.util.ArrayList;
import java.util.List;

/** Ollama's {@code POST /api/embed}: {@code input} in, {@code embeddings} and {@code prompt_eval_count} out. */
final class OllamaEmbeddings implements EmbeddingsClient {

    private final HttpTransport transport;

    OllamaEmbeddings(HttpTransport transport) {
        this.transport = transport;
    }

    @Override
    public EmbeddingResult embed(EmbeddingRequest request, ModelSpec model, CallOptions options) {
        ObjectNode body = EmbeddingsClients.body(request, model);
        JsonNode answer = EmbeddingsClients.post(transport, Endpoints.uri(model.provider(), "/api/embed"),
                Endpoints.bearerHeaders(model.provider(), "application/json"), body, options, model.ref());
        JsonNode embeddings = answer.path("embeddings");
        if (!embeddings.isArray() || embeddings.size() != request.inputs().size()) {
            throw EmbeddingsClients.malformed(model.ref(), "has " + (embeddings.isArray() ? embeddings.size() : 0)
                    + " embeddings for " + request.inputs().size() + " inputs");
        }
        List<float[]> vectors = new ArrayList<>();
        embeddings.forEach(e -> vectors.add(EmbeddingsClients.vector(e, model.ref())));
        JsonNode tokens = answer.path("prompt_eval_count");
        return EmbeddingsClients.result(vectors, tokens, request);
    }
}
