package dev.clawgate.gateway.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Stored Responses API answers, for {@code previous_response_id} and {@code GET}/{@code DELETE
 * /v1/responses/{id}}. The runtime backs it with the state database; retention is the store's.
 */
public interface ResponseStore {

    /**
     * A stored answer.
     *
     * @param conversation the input items the request stood for, its own {@code previous_response_id} already
     *     resolved: what a follow-up replays before this response's output
     * @param response the response object as the client received it
     */
    record Stored(ArrayNode conversation, ObjectNode response) {}

    void save(String id, ArrayNode conversation, ObjectNode response);

    Optional<Stored> find(String id);

    /** True when it existed. */
    boolean delete(String id);
}
