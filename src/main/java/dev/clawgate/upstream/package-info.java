/**
 * Talking to model servers: one {@link dev.clawgate.upstream.UpstreamAdapter} per upstream {@code api}
 * ({@code openai-responses}, {@code openai-completions}, {@code anthropic-messages}, {@code ollama}, {@code google-generative-ai}),
 * each encoding a canonical {@link dev.clawgate.wire.ChatRequest} into its wire format and decoding the
 * upstream's stream into canonical {@link dev.clawgate.wire.StreamEvent}s; the pooled HTTP transport with
 * its four timeouts; incremental SSE and NDJSON readers; and the classification of every failure.
 *
 * <p>May import {@code wire}, {@code catalog}, {@code usage}, {@code http}. Must not import {@code routing},
 * {@code gateway}, {@code agent} or {@code cli}.
 */
package dev.clawgate.upstream;
