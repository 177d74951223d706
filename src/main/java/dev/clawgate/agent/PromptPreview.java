package dev.clawgate.agent;

import dev.clawgate.wire.ToolSpec;
import java.util.List;

/**
 * What an agent sends before any conversation: its exact system prompt and tool schemas, and their token
 * count (the o200k estimate the context budget uses, chat-template overhead included).
 */
public record PromptPreview(String agentId, String model, String systemPrompt, List<ToolSpec> tools,
        long promptTokens) {

    public PromptPreview {
        tools = List.copyOf(tools);
    }
}
