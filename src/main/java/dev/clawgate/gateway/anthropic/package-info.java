/**
 * The Anthropic Messages inbound API: request JSON to the canonical {@link dev.clawgate.wire.ChatRequest}
 * (with Anthropic-shaped 400s), canonical {@link dev.clawgate.wire.StreamEvent}s back as Messages SSE events
 * or a message body.
 *
 * <p>May import {@code wire} and the {@code gateway} package's shared pieces. Must not import
 * {@code upstream}: an inbound API never talks to an upstream format directly.
 */
package dev.clawgate.gateway.anthropic;
