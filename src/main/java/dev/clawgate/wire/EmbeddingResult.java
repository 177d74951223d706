package dev.clawgate.wire;

import java.util.List;

/**
 * The vectors an upstream returned, one per input and in input order, with the prompt tokens it counted.
 *
 * @param promptTokens the upstream's count; when it sent none, Clawgate's estimate ({@code estimated})
 */
public record EmbeddingResult(List<float[]> vectors, long promptTokens, boolean estimated) {

    public EmbeddingResult {
        vectors = List.copyOf(vectors);
    }
}
