package dev.clawgate.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.agent.AgentRuntime;
import dev.clawgate.agent.AgentSpec;
import dev.clawgate.agent.ToolCallRecord;
import dev.clawgate.agent.TurnListener;
import dev.clawgate.agent.TurnRequest;
import dev.clawgate.agent.TurnResult;
import dev.clawgate.agent.store.SessionKeys;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * WebChat turns: a message goes to the agent runtime like any other (slash commands included), and its
 * reply streams back as events: {@code start} (the session), {@code delta} (reply text), {@code tool} (a tool call
 * running, then done or failed), then
 * {@code done} (serving model, fallback notice, tool calls, usage) or {@code error}. Stop asks the
 * runtime to abort the session's turn: the model call is closed and the partial reply stored as aborted.
 */
final class ChatTurns {

    private final Supplier<AgentRuntime> runtime;
    private final Predicate<String> abortTurn;

    /** @param abortTurn aborts the turn running on a session key; false when none was running */
    ChatTurns(Supplier<AgentRuntime> runtime, Predicate<String> abortTurn) {
        this.runtime = runtime;
        this.abortTurn = abortTurn;
    }

    /** The agent and session a message names, checked before anything streams (so errors are plain 4xx). */
    record Target(String agentId, String sessionKey, String text) {}

    Target target(JsonNode body) {
        String text = body.path("text").asText("");
        if (text.isBlank()) {
            throw new ConsoleApiException(400, "'text' is required: the message to send");
        }
        AgentRuntime rt = runtime.get();
        String agentId = body.path("agent").asText("");
        AgentSpec agent = agentId.isBlank() ? rt.agents().defaultAgent() : rt.agents().find(agentId)
                .orElseThrow(() -> new ConsoleApiException(404, "no agent '" + agentId + "'; configured: "
                        + String.join(", ", rt.agents().ids())));
        String session = body.path("session").asText("");
        return new Target(agent.id(), session.isBlank() ? SessionKeys.main(agent.id()) : session.trim(), text);
    }

    /**
     * Runs the turn on a thread of its own, so that an abort that interrupts the turn (while it is routing or
     * running a tool) cannot reach the request thread and with it the connection the events go out on.
     */
    void run(Target target, EventWriter events) {
        events.event("start", ConsoleJson.object().put("agent", target.agentId()).put("session", target.sessionKey()));
        TurnListener listener = new TurnListener() {
            @Override
            public void replyDelta(String text) {
                events.event("delta", ConsoleJson.object().put("text", text));
            }

            @Override
            public void toolStarted(String id, String name, String argumentsJson) {
                events.event("tool", ConsoleJson.object().put("id", id).put("name", name).put("arguments", argumentsJson)
                        .put("state", "running"));
            }

            @Override
            public void toolFinished(String id, String name, boolean isError) {
                events.event("tool", ConsoleJson.object().put("id", id).put("name", name)
                        .put("state", isError ? "error" : "done"));
            }
        };
        Thread turn = Thread.ofVirtual().name("webchat-turn").start(() -> {
            try {
                TurnResult result = runtime.get().runTurn(new TurnRequest(target.agentId(), target.sessionKey(),
                        target.text(), null, listener));
                events.event("done", done(result));
            } catch (RuntimeException e) {
                events.event("error", ConsoleJson.object().put("message", String.valueOf(e.getMessage())));
            }
        });
        try {
            turn.join();
        } catch (InterruptedException e) { // the server is stopping
            abortTurn.test(target.sessionKey());
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the turn running on {@code sessionKey}; false when none was. */
    boolean stop(String sessionKey) {
        return abortTurn.test(sessionKey);
    }

    private static ObjectNode done(TurnResult r) {
        ObjectNode o = ConsoleJson.object();
        o.put("session", r.sessionKey());
        o.put("reply", r.reply());
        o.put("model", r.model());
        o.put("fallbackNotice", r.fallbackNotice());
        o.put("command", r.command());
        o.put("aborted", r.aborted());
        o.put("inputTokens", r.usage().totalInputTokens());
        o.put("outputTokens", r.usage().outputTokens());
        o.put("estimated", r.usage().estimated());
        o.put("costUsd", r.costUsd().doubleValue());
        o.put("compactions", r.compactions());
        ArrayNode tools = o.putArray("tools");
        for (ToolCallRecord t : r.toolCalls()) {
            tools.addObject().put("id", t.id()).put("name", t.name()).put("arguments", t.argumentsJson())
                    .put("isError", t.isError());
        }
        return o;
    }
}
