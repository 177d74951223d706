package dev.clawgate.gateway;

/**
 * What every encoder needs besides the events.
 *
 * @param model the model name to show in bodies: the one the client asked for, so that a fallback changes
 *     nothing a client parses (the answering model is in {@code x-clawgate-model})
 * @param createdEpochSeconds creation time for {@code created} / {@code created_at}
 * @param requestId the {@code x-request-id} of this request
 */
public record ResponseMeta(String model, long createdEpochSeconds, String requestId) {}
