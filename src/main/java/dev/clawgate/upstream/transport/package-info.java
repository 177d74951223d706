/**
 * HTTP/1.1 transport to upstreams (JDK {@code HttpClient} on virtual threads) with four separate limits,
 * incremental SSE and NDJSON readers, and the classification of every failure into a
 * {@link dev.clawgate.wire.FailureClass}.
 *
 * <p>May import {@code wire} and {@code upstream} ({@link dev.clawgate.upstream.CallOptions}). Knows
 * nothing about any particular API's JSON.
 */
package dev.clawgate.upstream.transport;
