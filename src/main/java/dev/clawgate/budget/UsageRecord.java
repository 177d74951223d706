package dev.clawgate.budget;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One model call as settled, for {@code clawgate usage --by agent|key|model|provider}.
 *
 * @param agent the agent it was charged to (a plain API call: the default agent)
 * @param key the client key ({@code gateway.auth.keys[].id}) that made it, or null for the gateway token
 * @param model the catalog reference that answered ({@code provider/model})
 * @param costUsd at catalog prices; zero for free (local) models
 */
public record UsageRecord(Instant at, String agent, String key, String model, String provider, long tokensIn,
        long tokensOut, BigDecimal costUsd) {}
