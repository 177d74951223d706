package dev.clawgate.upstream.transport;

import dev.clawgate.upstream.CallOptions;
import dev.clawgate.wire.UpstreamException;
import java.io.IOException;

/** Sends requests to upstreams. Implementations are thread-safe and pool connections. */
public interface HttpTransport {

    /**
     * Sends the request and waits for the response head and the first byte of the body, bounded by
     * {@link CallOptions#connectTimeout()} and {@link CallOptions#firstByteTimeout()}.
     *
     * @return the response when the status is 2xx
     * @throws UpstreamException classified: transport failures (refused, reset, DNS, TLS, timeouts) and
     *     non-2xx answers (status, {@code Retry-After} and the upstream's own error message, trimmed)
     */
    UpstreamHttpResponse send(UpstreamHttpRequest request, CallOptions options);

    /** Classifies a failed body read of a response this transport returned. */
    UpstreamException classify(IOException readFailure);
}
