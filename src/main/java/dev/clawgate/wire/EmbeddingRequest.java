package dev.clawgate.wire;

import java.util.List;

/**
 * A request for embedding vectors, in the canonical model (OpenAI's {@code /v1/embeddings} is the inbound
 * shape; each upstream adapter encodes it in its own).
 *
 * @param model alias or {@code provider/model} reference, as the client named it
 * @param inputs the texts to embed, in order
 * @param dimensions the vector size asked for, or null for the model's own
 */
public record EmbeddingRequest(String model, List<String> inputs, Integer dimensions) {

    public EmbeddingRequest {
        inputs = List.copyOf(inputs);
    }
}
