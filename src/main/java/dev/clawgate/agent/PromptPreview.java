package dev.clawgate.agent;

import dev.clawgate.agent.tools.Tool;
import dev.clawgate.agent.tools.ToolPolicy;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.ChatRequest;
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

    /** The preview of {@code agent} offered the tools its policy lets through of {@code available}. */
    public static PromptPreview of(AgentSpec agent, List<Tool> available, SystemPromptBuilder prompts,
            TokenEstimator tokens) {
        List<ToolSpec> specs = ToolPolicy.forAgent(available, agent.tools()).offeredSpecs();
        String system = prompts.build(agent, specs);
        String model = agent.primary() == null ? null : agent.primary().ref();
        ChatRequest request = new ChatRequest(model, system, List.of(), specs, null, null, null, null, List.of(), true,
                null, null);
        return new PromptPreview(agent.id(), model, system, specs, tokens.estimatePromptTokens(request));
    }
}
