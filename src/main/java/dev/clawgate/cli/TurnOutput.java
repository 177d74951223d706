package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.agent.AgentRunException;
import dev.clawgate.agent.PromptPreview;
import dev.clawgate.agent.ToolCallRecord;
import dev.clawgate.agent.TurnResult;
import dev.clawgate.agent.UnknownAgentException;
import dev.clawgate.routing.AllCandidatesFailedException;
import dev.clawgate.routing.UnknownModelException;
import dev.clawgate.wire.ToolSpec;
import dev.clawgate.wire.UpstreamException;

/** How agent turns, previews and failures are printed by {@code agent} and {@code chat}. */
final class TurnOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TurnOutput() {}

    static JsonNode json(TurnResult r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sessionKey", r.sessionKey());
        node.put("reply", r.reply());
        node.put("reasoning", r.reasoning());
        node.put("model", r.model());
        node.put("fallbackNotice", r.fallbackNotice());
        node.put("command", r.command());
        ObjectNode usage = node.putObject("usage");
        usage.put("inputTokens", r.usage().totalInputTokens());
        usage.put("outputTokens", r.usage().outputTokens());
        usage.put("reasoningTokens", r.usage().reasoningTokens());
        usage.put("estimated", r.usage().estimated());
        node.put("costUsd", r.costUsd());
        node.put("compactions", r.compactions());
        ArrayNode calls = node.putArray("toolCalls");
        for (ToolCallRecord c : r.toolCalls()) {
            calls.addObject().put("id", c.id()).put("name", c.name()).put("arguments", c.argumentsJson())
                    .put("isError", c.isError()).put("fromText", c.fromText());
        }
        return node;
    }

    static JsonNode json(PromptPreview p) {
        ObjectNode node = JSON.createObjectNode();
        node.put("agentId", p.agentId());
        node.put("model", p.model());
        node.put("promptTokens", p.promptTokens());
        node.put("systemPrompt", p.systemPrompt());
        ArrayNode tools = node.putArray("tools");
        for (ToolSpec t : p.tools()) {
            ObjectNode tool = tools.addObject().put("name", t.name()).put("description", t.description());
            tool.set("parameters", t.parameters());
        }
        return node;
    }

    static String text(PromptPreview p) {
        StringBuilder sb = new StringBuilder();
        sb.append("Agent: ").append(p.agentId()).append('\n');
        sb.append("Model: ").append(p.model() == null ? "(none)" : p.model()).append('\n');
        sb.append("Prompt tokens: ").append(p.promptTokens())
                .append(" (system prompt + ").append(p.tools().size()).append(" tool schemas, o200k estimate)\n");
        sb.append("\n--- system prompt ---\n").append(p.systemPrompt()).append('\n');
        sb.append("\n--- tools ---\n");
        for (ToolSpec t : p.tools()) {
            ObjectNode tool = JSON.createObjectNode().put("name", t.name()).put("description", t.description());
            tool.set("parameters", t.parameters());
            sb.append(tool).append('\n');
        }
        return sb.toString();
    }

    /** A failure worth showing the user, or null for one that is a bug (rethrown). */
    static String failure(RuntimeException e) {
        if (e instanceof AgentRunException || e instanceof UnknownAgentException || e instanceof UnknownModelException
                || e instanceof AllCandidatesFailedException || e instanceof UpstreamException
                || e instanceof IllegalArgumentException) {
            return "⚠️ " + e.getMessage();
        }
        return null;
    }
}
