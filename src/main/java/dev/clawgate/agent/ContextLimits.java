package dev.clawgate.agent;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.ChatRequest;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the runtime has learned about models at run time, per {@code provider/model}: the window a server
 * really has (an LM Studio model loaded with 4096 tokens of context while the catalog says 196608; learned
 * from the numbers in an overflow error) and how the upstream's prompt token counts compare with the local
 * estimate (different tokenizers). In memory only; a restart learns again. Thread-safe.
 */
public final class ContextLimits {

    /** Corrections outside this range are more likely a broken usage report than a different tokenizer. */
    static final double MIN_RATIO = 0.8;
    static final double MAX_RATIO = 4.0;

    private final TokenEstimator tokens;
    private final Map<String, Integer> learnedWindows = new ConcurrentHashMap<>();
    private final Map<String, Double> promptRatios = new ConcurrentHashMap<>();

    public ContextLimits(TokenEstimator tokens) {
        this.tokens = tokens;
    }

    /** The window the server reported for this model, when it reported one smaller than the catalog's. */
    public OptionalInt learnedWindow(ModelSpec model) {
        Integer w = learnedWindows.get(model.ref());
        return w == null ? OptionalInt.empty() : OptionalInt.of(w);
    }

    /** Records a server-reported window; only ever lowers what is known. */
    public void learnWindow(ModelSpec model, int window) {
        if (window > 0 && window < model.effectiveContextWindow()) {
            learnedWindows.merge(model.ref(), window, Math::min);
        }
    }

    /** Records the upstream's own prompt count for a request whose estimate was {@code estimated}. */
    public void observePromptTokens(ModelSpec model, long estimated, long reported) {
        if (estimated <= 0 || reported <= 0) {
            return;
        }
        double ratio = Math.max(MIN_RATIO, Math.min(MAX_RATIO, (double) reported / estimated));
        promptRatios.put(model.ref(), ratio);
    }

    /** The local estimate of the request's prompt, scaled by the model's last observed ratio. */
    public long correctedPromptTokens(ModelSpec model, ChatRequest request) {
        return correctedPromptTokens(model, tokens.estimatePromptTokens(request));
    }

    /** An estimate made by the caller ({@link TokenEstimator#estimatePromptTokens} or its parts), scaled. */
    public long correctedPromptTokens(ModelSpec model, long estimate) {
        double ratio = promptRatios.getOrDefault(model.ref(), 1.0);
        return (long) Math.ceil(estimate * ratio);
    }

    public TokenEstimator tokens() {
        return tokens;
    }
}
