package dev.clawgate.agent;

import dev.clawgate.wire.Part;
import java.util.List;

/**
 * One inbound message for an agent.
 *
 * @param agentId the agent, or null for the session key's agent, else the default agent
 * @param sessionKey the session (see {@link dev.clawgate.agent.store.SessionKeys}), or null for the agent's
 *     main session {@code agent:<id>:main}
 * @param text the user's message; a leading chat command ({@code /new}, {@code /model …}) is handled by
 *     the runtime
 * @param modelOverride a model for this turn only (strict, no fallbacks), or null
 * @param listener streamed delivery; null for none
 * @param abort this turn's abort handle, for a caller that wants to stop the turn it started without
 *     knowing its session key; null for a fresh one (reachable through {@link AgentRuntime#abort(String)})
 * @param untrustedContext who sent the message and from where (a chat channel's sender, chat and group), sent
 *     to the model as a labelled part of the user message beside {@code text}, never inside it; null for none
 * @param images images sent with the message (a chat channel's photo), put in the user message after the
 *     text; the caller checks that the agent's model accepts images ({@link AgentRuntime#modelFor})
 */
public record TurnRequest(String agentId, String sessionKey, String text, String modelOverride,
        TurnListener listener, TurnAbort abort, String untrustedContext, List<Part.Image> images, String inboundId) {

    public TurnRequest {
        if (text == null) {
            throw new IllegalArgumentException("text is required");
        }
        listener = listener != null ? listener : TurnListener.NONE;
        abort = abort != null ? abort : new TurnAbort();
        images = images == null ? List.of() : List.copyOf(images);
    }

    public TurnRequest(String agentId, String sessionKey, String text, String modelOverride, TurnListener listener,
            TurnAbort abort, String untrustedContext, List<Part.Image> images) {
        this(agentId, sessionKey, text, modelOverride, listener, abort, untrustedContext, images, null);
    }

    public TurnRequest(String agentId, String sessionKey, String text, String modelOverride, TurnListener listener,
            TurnAbort abort, String untrustedContext) {
        this(agentId, sessionKey, text, modelOverride, listener, abort, untrustedContext, List.of());
    }

    /** A request with a fresh abort handle. */
    public TurnRequest(String agentId, String sessionKey, String text, String modelOverride, TurnListener listener) {
        this(agentId, sessionKey, text, modelOverride, listener, null, null, List.of());
    }

    public TurnRequest(String agentId, String sessionKey, String text, String modelOverride, TurnListener listener,
            TurnAbort abort) {
        this(agentId, sessionKey, text, modelOverride, listener, abort, null, List.of());
    }

    /** A message to an agent's main session. */
    public static TurnRequest of(String agentId, String text) {
        return new TurnRequest(agentId, null, text, null, null);
    }

    public TurnRequest withListener(TurnListener l) {
        return new TurnRequest(agentId, sessionKey, text, modelOverride, l, abort, untrustedContext, images, inboundId);
    }

    public TurnRequest withAbort(TurnAbort a) {
        return new TurnRequest(agentId, sessionKey, text, modelOverride, listener, a, untrustedContext, images, inboundId);
    }
}
