/**
 * What the upstream adapters share: the {@link dev.clawgate.upstream.codec.UpstreamCall} event stream
 * (lazy send, body sniffing, frame-by-frame decoding, classified failures), the decoder interfaces, JSON
 * helpers that turn parse errors into {@code MALFORMED_RESPONSE}, in-stream error classification, and
 * the request-shaping rules every encoder applies (output limit, text-only input, reasoning effort,
 * params/extras merge, compat flags, endpoints and auth headers).
 *
 * <p>May import {@code wire}, {@code catalog}, {@code upstream} and {@code upstream.transport}.
 */
package dev.clawgate.upstream.codec;
