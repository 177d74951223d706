package dev.clawgate.upstream;

import java.time.Duration;

/**
 * The four separate limits of one upstream call.
 *
 * @param connectTimeout to establish the TCP (and TLS) connection
 * @param firstByteTimeout from sending the request to the first complete event of the response (a cold
 *     local model may need minutes: the provider's {@code timeoutSeconds})
 * @param idleTimeout longest wait between two events once the first arrived (the provider's
 *     {@code idleTimeoutSeconds})
 * @param deadline the whole call, end to end
 */
public record CallOptions(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout, Duration deadline) {

    public static final CallOptions DEFAULT = new CallOptions(Duration.ofSeconds(5), Duration.ofSeconds(120),
            Duration.ofSeconds(60), Duration.ofMinutes(10));

    public CallOptions withFirstByteTimeout(Duration d) {
        return new CallOptions(connectTimeout, d, idleTimeout, deadline);
    }

    public CallOptions withIdleTimeout(Duration d) {
        return new CallOptions(connectTimeout, firstByteTimeout, d, deadline);
    }
}
