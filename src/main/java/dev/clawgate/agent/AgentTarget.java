package dev.clawgate.agent;

import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import java.util.Locale;
import java.util.Optional;

/**
 * An inbound API call aimed at an agent rather than a model: {@code model: "clawgate"} (the default agent)
 * or {@code "clawgate/<agentId>"}, on {@code /v1/chat/completions} or {@code /v1/responses}. The last user
 * message is the new message (the session's own transcript is the history, not what the client resends),
 * and the API's {@code user} field picks the session {@code agent:<id>:openai-user:<user>}; without it the
 * agent's main session.
 *
 * @param agentId the agent, or null for the default agent
 */
public record AgentTarget(String agentId) {

    public static final String MODEL_NAME = "clawgate";

    /** The target a request's model names, or empty for an ordinary model. */
    public static Optional<AgentTarget> parse(String model) {
        if (model == null) {
            return Optional.empty();
        }
        String m = model.trim();
        if (m.equalsIgnoreCase(MODEL_NAME)) {
            return Optional.of(new AgentTarget(null));
        }
        String prefix = MODEL_NAME + "/";
        if (m.length() > prefix.length() && m.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            return Optional.of(new AgentTarget(m.substring(prefix.length())));
        }
        return Optional.empty();
    }

    /**
     * The turn for an inbound call.
     *
     * @param authenticatedUser the user a trusted proxy authenticated for the call, or null: the agent is told
     *     who is asking in the message's labelled untrusted context, as a chat channel tells it the sender
     * @throws UnknownAgentException for an agent the configuration does not have
     * @throws IllegalArgumentException when the request has no user message to send
     */
    public TurnRequest turnRequest(ChatRequest request, AgentDirectory agents, TurnListener listener,
            String authenticatedUser) {
        AgentSpec agent = agents.get(agentId);
        Message last = null;
        for (Message m : request.messages()) {
            if (m.role() == Message.Role.USER) {
                last = m;
            }
        }
        if (last == null || last.text().isBlank()) {
            throw new IllegalArgumentException("an agent target needs a user message with text");
        }
        String key = request.user() != null && !request.user().isBlank()
                ? SessionKeys.openAiUser(agent.id(), request.user())
                : SessionKeys.main(agent.id());
        return new TurnRequest(agent.id(), key, last.text(), null, listener, null,
                UntrustedContext.authenticatedUser(authenticatedUser));
    }

    /** The turn for an inbound call no trusted proxy authenticated. */
    public TurnRequest turnRequest(ChatRequest request, AgentDirectory agents, TurnListener listener) {
        return turnRequest(request, agents, listener, null);
    }
}
