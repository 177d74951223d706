package dev.clawgate.agent;

/**
 * A turn that could not have its session: another message held it for the whole lock timeout, or another
 * instance took the session over while the turn ran. Nothing of this turn's refused writes was stored, and the
 * same message sent again is answered once the session is free: the gateway answers 409, which the OpenAI and
 * Anthropic SDKs retry.
 */
public final class SessionBusyException extends AgentRunException {

    public SessionBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
