package dev.clawgate.agent;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.config.AgentsConfig;

/**
 * How one model's context window is shared out for a session.
 *
 * <p>{@code window} is the smallest of the model's native window, its {@code contextTokens} cap,
 * {@code agents.defaults.contextTokens} and the window its server reported in an overflow error. Of it,
 * {@code outputReserve} is kept for the answer (and sent as the output limit, so the server's own check
 * {@code prompt + max_tokens <= window} agrees with ours) and {@code reserve} is headroom for estimation
 * error. What is left, {@link #promptLimit()}, is what the prompt may use; past it the session is compacted
 * first. {@code keepRecent} is the verbatim tail compaction keeps and {@code summaryTokens} the summary's
 * output limit.
 *
 * <p>OpenClaw's defaults (reserve 16384, keep 20000) assume a 200k window; on small local windows they are
 * capped to fractions of the window so that a 4k model still has room to talk.
 */
public record ContextBudget(int window, int reserve, int outputReserve, int keepRecent, int summaryTokens) {

    public static final int DEFAULT_RESERVE_TOKENS = 16_384;
    public static final int DEFAULT_KEEP_RECENT_TOKENS = 20_000;
    /** Output reserve when the catalog does not know the model's output limit. */
    public static final int DEFAULT_OUTPUT_TOKENS = 4096;

    public int promptLimit() {
        return window - reserve - outputReserve;
    }

    public static ContextBudget of(ModelSpec model, AgentsConfig.Defaults defaults, ContextLimits limits) {
        int window = model.effectiveContextWindow();
        if (defaults != null && defaults.contextTokens() != null) {
            window = Math.min(window, defaults.contextTokens());
        }
        if (limits != null && limits.learnedWindow(model).isPresent()) {
            window = Math.min(window, limits.learnedWindow(model).getAsInt());
        }
        AgentsConfig.Compaction compaction = defaults != null ? defaults.compaction() : null;
        Integer reserveSetting = compaction != null ? compaction.reserveTokens() : null;
        Integer keepSetting = compaction != null ? compaction.keepRecentTokens() : null;
        int outputReserve = Math.min(model.maxTokens() != null ? model.maxTokens() : DEFAULT_OUTPUT_TOKENS, window / 4);
        // A written reserve is honoured up to half the window; the default one takes at most an eighth.
        int reserve = reserveSetting != null ? Math.min(reserveSetting, window / 2)
                : Math.min(DEFAULT_RESERVE_TOKENS, window / 8);
        int promptLimit = Math.max(0, window - reserve - outputReserve);
        int keepRecent = Math.min(keepSetting != null ? keepSetting : DEFAULT_KEEP_RECENT_TOKENS, promptLimit / 4);
        int summaryTokens = Math.max(64, Math.min(outputReserve, promptLimit / 4));
        return new ContextBudget(window, reserve, outputReserve, keepRecent, summaryTokens);
    }
}
