package dev.clawgate.gateway;

/**
 * What every encoder needs besides the events.
 *
 * @param model the model name to show in bodies: the reference of the model that answered (as OpenAI and
 *     vLLM return the model that served the call), the same as {@code x-clawgate-model}
 * @param createdEpochSeconds creation time for {@code created} / {@code created_at}
 * @param requestId the {@code x-request-id} of this request
 */
public record ResponseMeta(String model, long createdEpochSeconds, String requestId) {}
