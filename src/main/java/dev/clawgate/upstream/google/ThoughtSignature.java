package dev.clawgate.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.Json;

/**
 * Gemini's {@code thoughtSignature}, carried in the canonical reasoning signature as a small JSON object.
 * JSON because the other encoders already leave JSON signatures alone (Anthropic replays only its own
 * opaque strings; Responses replays only objects of type {@code reasoning}), so a conversation that falls
 * back from Gemini to another upstream never sends them a Gemini token.
 */
final class ThoughtSignature {

    static final String TYPE = "gemini_thought_signature";

    /**
     * What Google documents for function calls whose signature was lost (a conversation from another
     * model, or a client that drops reasoning): Gemini 3 rejects a function call of the current turn
     * without a signature, and accepts this one.
     */
    static final String SKIP_VALIDATION = "skip_thought_signature_validator";

    private ThoughtSignature() {}

    static String wrap(String signature) {
        return Json.object().put("type", TYPE).put("signature", signature).toString();
    }

    /** The Gemini signature inside a canonical signature, or null when it is another API's. */
    static String unwrap(String canonical) {
        if (canonical == null || !canonical.startsWith("{")) {
            return null;
        }
        JsonNode node = Json.parseLenient(canonical);
        return TYPE.equals(Json.text(node, "type")) ? Json.nonEmpty(node, "signature") : null;
    }
}
