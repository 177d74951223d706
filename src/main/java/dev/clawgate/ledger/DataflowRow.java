package dev.clawgate.ledger;

import java.math.BigDecimal;

/**
 * What went to one destination in a period: {@code clawgate dataflow}'s row and {@code /clawgate/api/dataflow}'s
 * object.
 *
 * @param host {@code host:port}
 * @param region {@code local} for loopback and LAN, {@code unknown} when the provider has none
 */
public record DataflowRow(String provider, String host, String region, long requests, long bytesSent,
        long bytesReceived, long tokensIn, long tokensOut, BigDecimal costUsd) {

    /** The sum of two rows (for totals). */
    DataflowRow plus(DataflowRow o) {
        return new DataflowRow(provider, host, region, requests + o.requests, bytesSent + o.bytesSent,
                bytesReceived + o.bytesReceived, tokensIn + o.tokensIn, tokensOut + o.tokensOut, costUsd.add(o.costUsd));
    }
}
