/**
 * The OpenAI inbound APIs: Chat Completions and Responses, each decoding its request JSON into the
 * canonical {@link dev.clawgate.wire.ChatRequest} (with 400s that name the field) and encoding canonical
 * {@link dev.clawgate.wire.StreamEvent}s back as that API's SSE events or JSON body.
 *
 * <p>May import {@code wire} and the {@code gateway} package's shared pieces. Must not import
 * {@code upstream}: an inbound API never talks to an upstream format directly.
 */
package dev.clawgate.gateway.openai;
