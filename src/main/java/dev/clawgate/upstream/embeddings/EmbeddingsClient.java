package dev.clawgate.upstream.embeddings;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.CallOptions;
import dev.clawgate.wire.EmbeddingRequest;
import dev.clawgate.wire.EmbeddingResult;

/** Calls one kind of upstream embeddings endpoint. Implementations are stateless and thread-safe. */
public interface EmbeddingsClient {

    /**
     * Embeds the request's inputs with {@code model}.
     *
     * @throws dev.clawgate.wire.UpstreamException classified, as the chat adapters raise them, so that the
     *     router fails over the same way
     */
    EmbeddingResult embed(EmbeddingRequest request, ModelSpec model, CallOptions options);
}
