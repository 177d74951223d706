package dev.clawgate.upstream.codec;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.wire.ChatRequest;

/** The output token limit to send: the request's, capped by the catalog's, or whichever is known. */
public final class OutputLimit {

    private OutputLimit() {}

    /** The limit, or null when neither the request nor the catalog knows one. */
    public static Integer of(ChatRequest request, ModelSpec model) {
        Integer asked = request.maxOutputTokens();
        Integer cap = model.maxTokens();
        if (asked != null && cap != null) {
            return Math.min(asked, cap);
        }
        return asked != null ? asked : cap;
    }
}
