package dev.clawgate.upstream.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.wire.Usage;

/** Normalises OpenAI-style usage objects: cached prompt tokens are reported apart from input. */
final class OpenAiUsage {

    private OpenAiUsage() {}

    /** Chat Completions {@code usage}; DeepSeek reports cache hits as {@code prompt_cache_hit_tokens}. */
    static Usage fromChatCompletions(JsonNode usage) {
        long prompt = usage.path("prompt_tokens").asLong(0);
        long cached = usage.path("prompt_tokens_details").path("cached_tokens")
                .asLong(usage.path("prompt_cache_hit_tokens").asLong(0));
        long completion = usage.path("completion_tokens").asLong(0);
        long reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
        return new Usage(Math.max(0, prompt - cached), completion, cached, 0, reasoning, false);
    }

    /** Responses {@code response.usage}. */
    static Usage fromResponses(JsonNode usage) {
        long input = usage.path("input_tokens").asLong(0);
        long cached = usage.path("input_tokens_details").path("cached_tokens").asLong(0);
        long output = usage.path("output_tokens").asLong(0);
        long reasoning = usage.path("output_tokens_details").path("reasoning_tokens").asLong(0);
        return new Usage(Math.max(0, input - cached), output, cached, 0, reasoning, false);
    }
}
