package dev.clawgate.gateway.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.gateway.DecodedCall;
import dev.clawgate.gateway.Json;
import dev.clawgate.gateway.ResponseMeta;
import dev.clawgate.gateway.StreamEncoder;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.Part;

/**
 * A decoded Responses request.
 *
 * @param body the raw request, for the settings the response object echoes
 * @param includeReasoning send reasoning output items
 * @param includeEncrypted put the reasoning signature into {@code encrypted_content}
 * @param asSummary the client asked for a reasoning summary: reasoning goes into the item's {@code summary}
 *     with {@code reasoning_summary_text} events, else into its {@code content} with {@code reasoning_text} events
 */
record ResponsesCall(ChatRequest request, ObjectNode body, boolean includeReasoning, boolean includeEncrypted,
        boolean asSummary, Storing storing) implements DecodedCall {

    /**
     * Whether and where the answer is kept: {@code store} null when it is not ({@code store: false}, or no
     * state database), with the conversation it answered and the {@code previous_response_id} it continued.
     */
    record Storing(ResponseStore store, ArrayNode conversation, String previousId) {

        /** Echoes {@code previous_response_id} and {@code store} into a response object. */
        ObjectNode annotate(ObjectNode response) {
            response.put("previous_response_id", previousId);
            response.put("store", store != null);
            return response;
        }

        /** Annotates a finished response object and keeps it when storing. */
        ObjectNode finish(ObjectNode response) {
            annotate(response);
            if (store != null) {
                store.save(response.get("id").asText(), conversation, response);
            }
            return response;
        }
    }

    @Override
    public StreamEncoder streamEncoder(ResponseMeta meta) {
        return new ResponsesStreamEncoder(this, meta);
    }

    @Override
    public byte[] completeBody(ChatResponse r, ResponseMeta meta) {
        ArrayNode output = Json.MAPPER.createArrayNode();
        if (includeReasoning && (!r.reasoning().isEmpty() || r.reasoningSignature() != null)) {
            output.add(ResponsesObjects.reasoning(ResponsesObjects.newId("rs_"), r.reasoning(),
                    includeEncrypted ? r.reasoningSignature() : null, "completed", asSummary));
        }
        if (!r.text().isEmpty() || r.toolCalls().isEmpty()) {
            output.add(ResponsesObjects.message(ResponsesObjects.newId("msg_"), "completed", r.text()));
        }
        for (Part.ToolCall c : r.toolCalls()) {
            output.add(ResponsesObjects.functionCall(ResponsesObjects.newId("fc_"), c.id(), c.name(), c.argumentsJson(),
                    "completed"));
        }
        return Json.bytes(storing.finish(ResponsesObjects.response(ResponsesObjects.newId("resp_"), meta, body,
                ResponsesObjects.status(r.stopReason()), output, r.usage(), null,
                ResponsesObjects.incompleteReason(r.stopReason()))));
    }
}
