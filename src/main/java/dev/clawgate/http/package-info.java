/**
 * Low-level HTTP/1.1 message framing shared by Clawgate's own clients (the upstream transport, the agent's
 * pinned web fetch): {@link dev.clawgate.http.ChunkedBody}, the {@code Transfer-Encoding: chunked} decoder,
 * and {@link dev.clawgate.http.MalformedStreamException} for framing that is not what it claims.
 *
 * <p>Bytes and framing only, no policy (timeouts, limits, pooling stay with each client). Must not import
 * any other Clawgate package, so that every layer may use it.
 */
package dev.clawgate.http;
