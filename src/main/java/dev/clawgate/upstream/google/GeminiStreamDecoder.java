package dev.clawgate.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.InStreamErrors;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.SseDecoder;
import dev.clawgate.upstream.transport.SseEvent;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import dev.clawgate.wire.Usage;
import java.util.function.Consumer;

/**
 * Decodes a Gemini {@code streamGenerateContent?alt=sse} stream: each event is a whole
 * {@code GenerateContentResponse} holding the next parts of the first candidate. Text parts are text;
 * parts marked {@code thought: true} are reasoning (never text); {@code functionCall} parts are complete
 * tool calls. Gemini gives calls no ids (newer models sometimes do), so ids are made from the response id
 * and the call's position: stable, unique across turns, and safe for every inbound API. A
 * {@code thoughtSignature} becomes the reasoning signature, to be replayed on the next turn.
 * {@code usageMetadata} is cumulative; the stream has no terminal event, so the end is the chunk with a
 * {@code finishReason} and usage, or the end of the body after a {@code finishReason}.
 */
public final class GeminiStreamDecoder implements SseDecoder {

    static final String API = "google-generative-ai";

    private boolean started;
    private boolean complete;
    private String responseId;
    private String finishReason;
    private int tools;
    private boolean signatureSent;
    private JsonNode usage;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) {
        String data = event.data() == null ? "" : event.data().strip();
        if (complete || data.isEmpty()) {
            return;
        }
        chunk(Json.parse(data, API, "GenerateContentResponse"), out);
        if (finishReason != null && usage != null) {
            end(out);
        }
    }

    /** Decodes one {@code GenerateContentResponse} (a stream chunk, or a whole answer). */
    void chunk(JsonNode node, Consumer<StreamEvent> out) {
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            throw error(error);
        }
        if (!started) {
            started = true;
            responseId = Json.nonEmpty(node, "responseId");
            out.accept(new StreamEvent.Start(responseId, Json.nonEmpty(node, "modelVersion")));
        }
        if (node.path("usageMetadata").isObject()) {
            usage = node.get("usageMetadata");
        }
        String blocked = Json.nonEmpty(node.path("promptFeedback"), "blockReason");
        if (blocked != null) {
            throw new UpstreamException(FailureClass.BAD_REQUEST, 400, API + " upstream blocked the prompt ("
                    + blocked + "); rephrase it or adjust the provider's safetySettings", null, null);
        }
        JsonNode candidate = node.path("candidates").path(0);
        for (JsonNode part : candidate.path("content").path("parts")) {
            part(part, out);
        }
        String reason = Json.nonEmpty(candidate, "finishReason");
        if (reason != null) {
            finishReason = reason;
        }
    }

    private void part(JsonNode part, Consumer<StreamEvent> out) {
        String signature = Json.nonEmpty(part, "thoughtSignature");
        JsonNode call = part.get("functionCall");
        String text = Json.text(part, "text");
        if (call != null && call.isObject()) {
            int index = tools++;
            String id = Json.nonEmpty(call, "id");
            out.accept(new StreamEvent.ToolCallStart(index, id != null ? id : callId(index),
                    String.valueOf(Json.text(call, "name"))));
            JsonNode args = call.get("args");
            out.accept(new StreamEvent.ToolCallDelta(index, args == null || args.isNull() ? "{}" : args.toString()));
            out.accept(new StreamEvent.ToolCallEnd(index));
        } else if (text != null && !text.isEmpty()) {
            out.accept(part.path("thought").asBoolean(false) ? new StreamEvent.ReasoningDelta(text)
                    : new StreamEvent.TextDelta(text));
        }
        if (signature != null && !signatureSent) {
            signatureSent = true; // Google attaches it to the first part that needs replaying
            out.accept(new StreamEvent.ReasoningSignature(ThoughtSignature.wrap(signature)));
        }
    }

    private String callId(int index) {
        String base = responseId == null ? "gemini" : responseId.replaceAll("[^A-Za-z0-9_-]", "");
        return "call_" + base + "_" + index;
    }

    /**
     * True for an id {@link #callId} made up for a call Gemini sent without one: such an id is never sent back
     * to Gemini, which did not know it.
     */
    static boolean isMadeUpCallId(String id) {
        return id != null && MADE_UP_CALL_ID.matcher(id).matches();
    }

    private static final java.util.regex.Pattern MADE_UP_CALL_ID = java.util.regex.Pattern.compile("call_[A-Za-z0-9_-]*_\\d+");

    /**
     * Google's error object ({@code code} 429, {@code status} RESOURCE_EXHAUSTED, {@code message}) in the
     * shape {@link InStreamErrors} reads: the numeric code as the status, the status name as the type.
     */
    static UpstreamException error(JsonNode error) {
        if (!error.isObject()) {
            return InStreamErrors.from(API, error);
        }
        var normalised = Json.object();
        String status = Json.nonEmpty(error, "status");
        if (status != null) {
            normalised.put("type", status);
        }
        if (error.path("code").canConvertToInt()) {
            normalised.put("status", error.get("code").asInt());
        }
        normalised.put("message", Json.text(error, "message") != null ? Json.text(error, "message") : error.toString());
        return InStreamErrors.from(API, normalised);
    }

    private void end(Consumer<StreamEvent> out) {
        if (usage != null) {
            long prompt = usage.path("promptTokenCount").asLong(0);
            long cached = usage.path("cachedContentTokenCount").asLong(0);
            long thoughts = usage.path("thoughtsTokenCount").asLong(0);
            long candidates = usage.path("candidatesTokenCount").asLong(0);
            out.accept(new StreamEvent.UsageReport(new Usage(Math.max(0, prompt - cached), candidates + thoughts,
                    cached, 0, thoughts, false)));
        }
        out.accept(new StreamEvent.Stop(stopReason(finishReason, tools > 0)));
        complete = true;
    }

    static StopReason stopReason(String reason, boolean anyToolCalls) {
        if (anyToolCalls && (reason == null || reason.equals("STOP"))) {
            return StopReason.TOOL_USE; // Gemini says STOP after function calls
        }
        if (reason == null) {
            return StopReason.STOP;
        }
        return switch (reason) {
            case "MAX_TOKENS" -> StopReason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE"
                    -> StopReason.CONTENT_FILTER;
            default -> StopReason.STOP; // STOP, OTHER, MALFORMED_FUNCTION_CALL, FINISH_REASON_UNSPECIFIED
        };
    }

    @Override
    public void finish(Consumer<StreamEvent> out) {
        if (complete) {
            return;
        }
        if (finishReason == null) {
            throw InStreamErrors.interrupted(API, "before a candidate with a finishReason");
        }
        end(out);
    }

    @Override
    public boolean isComplete() {
        return complete;
    }
}
