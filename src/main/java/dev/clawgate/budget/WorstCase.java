package dev.clawgate.budget;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.usage.CostCalculator;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Usage;
import java.math.BigDecimal;

/**
 * The most one call can cost: the prompt's estimated tokens at the model's input price plus the output
 * limit at its output price. The output limit is the request's {@code max_tokens}, else the model's
 * {@code maxTokens}, else {@link #DEFAULT_OUTPUT_TOKENS} (what Clawgate sends Anthropic when nothing says).
 * Cache prices are not assumed: every prompt token is priced as uncached input.
 */
public final class WorstCase {

    public static final int DEFAULT_OUTPUT_TOKENS = 4096;

    private WorstCase() {}

    public static BigDecimal cost(ModelSpec model, ChatRequest request, long promptTokens) {
        if (model.cost().isFree()) {
            return BigDecimal.ZERO;
        }
        return CostCalculator.totalUsd(new Usage(promptTokens, outputLimit(model, request), 0, 0, 0, true),
                model.cost());
    }

    static long outputLimit(ModelSpec model, ChatRequest request) {
        Integer requested = request.maxOutputTokens();
        if (requested != null && requested > 0) {
            return model.maxTokens() != null && model.maxTokens() > 0 ? Math.min(requested, model.maxTokens())
                    : requested;
        }
        return model.maxTokens() != null && model.maxTokens() > 0 ? model.maxTokens() : DEFAULT_OUTPUT_TOKENS;
    }
}
