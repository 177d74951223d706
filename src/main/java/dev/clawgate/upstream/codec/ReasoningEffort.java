package dev.clawgate.upstream.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.wire.ChatRequest;
import java.util.Set;

/**
 * The reasoning effort a call asks for. Callers and config express it the OpenAI ways
 * ({@code reasoning_effort: "high"} or {@code reasoning: {effort: "high"}}) in extras or provider params;
 * each encoder translates it to its own API (Responses {@code reasoning.effort}, Anthropic
 * {@code thinking.budget_tokens}, Ollama {@code think}), and only for reasoning models, so a non-reasoning
 * model never gets a field it rejects.
 */
public final class ReasoningEffort {

    /** Body keys this class reads; encoders keep them out of the generic merge. */
    public static final Set<String> KEYS = Set.of("reasoning_effort", "reasoning");

    private ReasoningEffort() {}

    /** The effort ({@code none|minimal|low|medium|high|xhigh}), or null when not asked for or not a reasoning model. */
    public static String of(ChatRequest request, ModelSpec model) {
        if (!model.reasoning()) {
            return null;
        }
        String fromRequest = read(request.extras());
        return fromRequest != null ? fromRequest : read(model.provider().params());
    }

    private static String read(ObjectNode source) {
        if (source == null) {
            return null;
        }
        String direct = Json.nonEmpty(source, "reasoning_effort");
        if (direct != null) {
            return direct;
        }
        JsonNode reasoning = source.get("reasoning");
        String nested = reasoning != null ? Json.nonEmpty(reasoning, "effort") : null;
        if (nested != null) {
            return nested;
        }
        JsonNode extraBody = source.get(BodyExtras.EXTRA_BODY);
        return extraBody instanceof ObjectNode extra ? read(extra) : null;
    }
}
