package dev.clawgate.upstream;

import java.time.Duration;

/**
 * The four separate limits of one upstream call.
 *
 * @param connectTimeout to establish the TCP (and TLS) connection
 * @param firstByteTimeout from sending the request to the first byte of the response body (a cold local
 *     model may need minutes: the provider's {@code timeoutSeconds})
 * @param idleTimeout longest silence between two chunks once the body has started
 * @param deadline the whole call, end to end
 */
public record CallOptions(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout, Duration deadline) {

    public static final CallOptions DEFAULT = new CallOptions(Duration.ofSeconds(5), Duration.ofSeconds(120),
            Duration.ofSeconds(60), Duration.ofMinutes(10));

    public CallOptions withFirstByteTimeout(Duration d) {
        return new CallOptions(connectTimeout, d, idleTimeout, deadline);
    }
}
