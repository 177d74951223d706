/**
 * Embeddings upstreams: OpenAI-compatible {@code POST {baseUrl}/embeddings} (OpenAI, vLLM, LM Studio,
 * llama.cpp, OpenRouter) and Ollama's {@code POST /api/embed}, each decoding into the canonical
 * {@link dev.clawgate.wire.EmbeddingResult}. One JSON request, one JSON answer, on the shared transport and
 * its failure classification.
 *
 * <p>May import {@code wire}, {@code catalog}, {@code usage} and the rest of {@code upstream}. Must not
 * import {@code routing}, {@code gateway}, {@code agent} or {@code cli}.
 */
package dev.clawgate.upstream.embeddings;
