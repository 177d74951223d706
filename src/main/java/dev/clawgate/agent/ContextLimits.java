package dev.clawgate.agent;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.ToolSpec;
import java.util.List;
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
    private final Map<FixedPart, Long> fixedParts = new ConcurrentHashMap<>();

    /** Distinct system prompt and tool sets whose counts are kept; past it the memo starts again. */
    static final int MAX_FIXED_PARTS = 256;

    /** What every call of an agent's turn sends besides the messages. */
    private record FixedPart(String system, List<ToolSpec> tools) {}

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

    /**
     * {@link TokenEstimator#estimatePromptTokens} of a request with this system prompt and these tools and no
     * messages: the same every turn of an agent (its prompt changes only when its workspace files do), so it
     * is counted once per distinct prompt rather than tokenised again each call.
     */
    public long fixedPromptTokens(String system, List<ToolSpec> tools) {
        FixedPart part = new FixedPart(system, List.copyOf(tools));
        Long known = fixedParts.get(part);
        if (known != null) {
            return known;
        }
        long counted = tokens.estimatePromptTokens(new ChatRequest(null, system, List.of(), part.tools(), null, null,
                null, null, List.of(), true, null, null));
        if (fixedParts.size() >= MAX_FIXED_PARTS) {
            fixedParts.clear();
        }
        fixedParts.put(part, counted);
        return counted;
    }

    public TokenEstimator tokens() {
        return tokens;
    }
}
