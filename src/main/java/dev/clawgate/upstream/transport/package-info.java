/**
 * HTTP/1.1 transport to upstreams (a blocking client on the caller's virtual thread, keep-alive pooled) with four separate limits,
 * incremental SSE and NDJSON readers, and the classification of every failure into a
 * {@link dev.clawgate.wire.FailureClass}.
 *
 * <p>May import {@code wire} and {@code upstream} ({@link dev.clawgate.upstream.CallOptions}). Knows
 * nothing about any particular API's stream JSON; it knows only the error-body shapes, to extract the
 * upstream's own message ({@link dev.clawgate.upstream.transport.UpstreamErrorMessage}).
 */
package dev.clawgate.upstream.transport;
