package dev.clawgate.upstream.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.wire.ChatRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges provider {@code params}, the model's own {@code params} and the request's {@code extras} into an
 * encoded body, so that server-specific knobs (vLLM {@code chat_template_kwargs}, OpenRouter {@code provider},
 * Ollama {@code keep_alive}) reach the upstream unchanged. Later sources win: encoded body, then provider
 * params, then model params, then extras. Objects merge recursively; a JSON null removes a key (so config can drop a field Clawgate sends).
 */
public final class BodyExtras {

    /** Params that steer Clawgate itself and must never reach an upstream. */
    public static final Set<String> CLAWGATE_ONLY = Set.of("keepWarm", "preload");

    /**
     * The OpenAI SDKs' {@code extra_body}: its fields belong at the top level of the body (that is what
     * the SDKs send), so it is flattened rather than sent as a field servers would not understand.
     */
    public static final String EXTRA_BODY = "extra_body";

    private BodyExtras() {}

    /**
     * Merges params and extras into {@code body}, leaving out Clawgate-only keys and the keys the encoder
     * already translated ({@code handled}, e.g. the reasoning effort). {@code model} and {@code stream} are
     * the encoder's and are restored after merging.
     */
    public static ObjectNode merge(ObjectNode body, ModelSpec model, ChatRequest request, Set<String> handled) {
        JsonNode modelField = body.get("model");
        JsonNode streamField = body.get("stream");
        mergeSource(body, model.provider().params(), handled);
        mergeSource(body, model.params(), handled);
        mergeSource(body, request.extras(), handled);
        if (modelField != null) {
            body.set("model", modelField);
        }
        if (streamField != null) {
            body.set("stream", streamField);
        }
        return body;
    }

    private static void mergeSource(ObjectNode body, ObjectNode source, Set<String> handled) {
        if (source == null) {
            return;
        }
        ObjectNode flat = source.deepCopy();
        JsonNode extraBody = flat.remove(EXTRA_BODY);
        for (String key : CLAWGATE_ONLY) {
            flat.remove(key);
        }
        flat.remove(handled);
        deepMerge(body, flat);
        if (extraBody instanceof ObjectNode extra) {
            ObjectNode copy = extra.deepCopy();
            copy.remove(handled);
            deepMerge(body, copy);
        }
    }

    /** Merges {@code patch} into {@code target} in place: objects recursively, null deletes, rest replaces. */
    public static void deepMerge(ObjectNode target, ObjectNode patch) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            entries.add(it.next());
        }
        for (Map.Entry<String, JsonNode> e : entries) {
            JsonNode value = e.getValue();
            JsonNode existing = target.get(e.getKey());
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value instanceof ObjectNode patchObject && existing instanceof ObjectNode targetObject) {
                deepMerge(targetObject, patchObject);
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        }
    }
}
