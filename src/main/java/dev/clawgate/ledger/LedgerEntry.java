package dev.clawgate.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One upstream contact: who asked, where it went, how much went each way, and what came of it.
 *
 * @param requestId the inbound request's {@code x-request-id}, or null (an agent turn from a channel)
 * @param agentId the agent it was made for, or null for a plain API call
 * @param keyId the client key the request authenticated with, or null
 * @param kind {@code chat}, {@code embeddings} or {@code count_tokens}
 * @param host {@code host:port} of the endpoint
 * @param region the provider's region ({@code local}, {@code eu}...), or null when unknown
 * @param model the model reference ({@code openrouter/moonshotai/kimi-k2})
 * @param bytesSent HTTP body bytes handed to the connection (every attempt)
 * @param bytesReceived HTTP body bytes read back, error bodies included
 * @param costUsd the call's cost at catalog prices (zero for free models)
 * @param outcome {@code ok}, {@code cancelled}, or the failure class label ({@code connection-refused}...)
 */
public record LedgerEntry(Instant time, String requestId, String agentId, String keyId, String kind, String provider,
        String host, String region, String model, long bytesSent, long bytesReceived, long tokensIn, long tokensOut,
        BigDecimal costUsd, String outcome) {

    public static final String CHAT = "chat";
    public static final String EMBEDDINGS = "embeddings";

    public LedgerEntry {
        costUsd = costUsd != null ? costUsd : BigDecimal.ZERO;
    }

    /** The region as the data-flow report shows it: {@code unknown} when the provider has none. */
    public String regionLabel() {
        return region != null ? region : "unknown";
    }
}
