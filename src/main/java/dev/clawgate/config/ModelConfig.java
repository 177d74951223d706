package dev.clawgate.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** One {@code models.providers.<id>.models[]} row as written. Null means absent. */
public record ModelConfig(String id, String name, String api, Boolean reasoning, List<String> input,
        CostConfig cost, Integer contextWindow, Integer contextTokens, Integer maxTokens, ObjectNode compat,
        Map<String, String> headers, String kind) {

    /** {@code kind}: what the model serves; {@code embedding} keeps it out of chat chains. */
    public static final List<String> KINDS = List.of("chat", "embedding");

    /** A row without {@code kind} (a chat model). */
    public ModelConfig(String id, String name, String api, Boolean reasoning, List<String> input, CostConfig cost,
            Integer contextWindow, Integer contextTokens, Integer maxTokens, ObjectNode compat,
            Map<String, String> headers) {
        this(id, name, api, reasoning, input, cost, contextWindow, contextTokens, maxTokens, compat, headers, null);
    }

    public ModelConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        input = input == null ? null : List.copyOf(input);
    }

    /** USD per 1M tokens; null fields are absent. */
    public record CostConfig(Double input, Double output, Double cacheRead, Double cacheWrite) {}
}
