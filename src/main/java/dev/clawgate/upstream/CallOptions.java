package dev.clawgate.upstream;

import dev.clawgate.catalog.DataPolicy;
import java.time.Duration;

/**
 * The four separate limits of one upstream call, with what the call must honour and report.
 *
 * @param connectTimeout to establish the TCP (and TLS) connection
 * @param firstByteTimeout from sending the request to the first complete event of the response (a cold
 *     local model may need minutes: the provider's {@code timeoutSeconds})
 * @param idleTimeout longest wait between two events once the first arrived (the provider's
 *     {@code idleTimeoutSeconds})
 * @param deadline the whole call, end to end
 * @param dataPolicy the call's data policy: adapters whose upstream routes further itself (OpenRouter) pass it
 *     on in the request so that the upstream cannot route around it; {@link DataPolicy#NONE} for none
 * @param meter told the bytes the transport sends and receives for this call (the data-flow ledger)
 */
public record CallOptions(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout, Duration deadline,
        DataPolicy dataPolicy, WireMeter meter) {

    public static final CallOptions DEFAULT = new CallOptions(Duration.ofSeconds(5), Duration.ofSeconds(120),
            Duration.ofSeconds(60), Duration.ofMinutes(10));

    public CallOptions {
        dataPolicy = dataPolicy != null ? dataPolicy : DataPolicy.NONE;
        meter = meter != null ? meter : WireMeter.NONE;
    }

    /** Limits only: no data policy, nothing metered. */
    public CallOptions(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout, Duration deadline) {
        this(connectTimeout, firstByteTimeout, idleTimeout, deadline, DataPolicy.NONE, WireMeter.NONE);
    }

    public CallOptions withFirstByteTimeout(Duration d) {
        return new CallOptions(connectTimeout, d, idleTimeout, deadline, dataPolicy, meter);
    }

    public CallOptions withIdleTimeout(Duration d) {
        return new CallOptions(connectTimeout, firstByteTimeout, d, deadline, dataPolicy, meter);
    }

    public CallOptions withDataPolicy(DataPolicy policy) {
        return new CallOptions(connectTimeout, firstByteTimeout, idleTimeout, deadline, policy, meter);
    }

    public CallOptions withMeter(WireMeter m) {
        return new CallOptions(connectTimeout, firstByteTimeout, idleTimeout, deadline, dataPolicy, m);
    }
}
