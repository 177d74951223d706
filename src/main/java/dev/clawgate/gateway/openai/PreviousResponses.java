package dev.clawgate.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.gateway.InvalidRequestException;
import dev.clawgate.gateway.Json;

/**
 * Turns {@code previous_response_id} into the conversation it stands for: the stored answer's own input
 * (its previous response already resolved when it was stored, so chains of any length cost one lookup),
 * then its output items, then this request's input. As at OpenAI, {@code instructions} are not carried
 * over: each request sends its own.
 */
final class PreviousResponses {

    private PreviousResponses() {}

    /** A copy of {@code body} with the whole conversation in {@code input} and no {@code previous_response_id}. */
    static ObjectNode resolve(ObjectNode body, String previousId, ResponseStore store) {
        if (store == null) {
            throw new InvalidRequestException("previous_response_id is not supported here: this gateway keeps no "
                    + "responses (no state database); send the whole conversation in input", "previous_response_id");
        }
        ResponseStore.Stored previous = store.find(previousId).orElseThrow(() -> new InvalidRequestException(
                "Previous response with id '" + previousId + "' not found: it was never stored (store: false), was "
                        + "deleted, or is past retention; send the whole conversation in input", "previous_response_id"));
        ArrayNode input = previous.conversation().deepCopy();
        previous.response().path("output").forEach(input::add);
        input.addAll(items(body.get("input")));
        ObjectNode resolved = body.deepCopy();
        resolved.set("input", input);
        resolved.remove("previous_response_id");
        return resolved;
    }

    /** {@code input} as a list of items: a plain string is one user message. */
    static ArrayNode items(JsonNode input) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        if (input != null && input.isTextual()) {
            items.addObject().put("type", "message").put("role", "user").put("content", input.textValue());
        } else if (input != null && input.isArray()) {
            items.addAll((ArrayNode) input);
        }
        return items;
    }
}
