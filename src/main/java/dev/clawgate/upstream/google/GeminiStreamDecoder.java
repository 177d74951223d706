package dev.clawgate.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.upstream.codec.InStreamErrors;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.JsonFrame;
import dev.clawgate.upstream.codec.SseDecoder;
import dev.clawgate.upstream.transport.SseEvent;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import dev.clawgate.wire.Usage;
import java.util.ArrayList;
import java.util.List;
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
    private TokenCounts usage;

    @Override
    public void decode(SseEvent event, Consumer<StreamEvent> out) {
        String data = event.data() == null ? "" : event.data().strip();
        if (complete || data.isEmpty()) {
            return;
        }
        chunk(data, out);
        if (finishReason != null && usage != null) {
            end(out);
        }
    }

    /** Decodes one {@code GenerateContentResponse} (a stream chunk, or one of a whole answer's). */
    void chunk(String data, Consumer<StreamEvent> out) {
        Chunk c = Chunk.read(data);
        if (!started) {
            started = true;
            responseId = c.responseId;
            out.accept(new StreamEvent.Start(responseId, c.modelVersion));
        }
        if (c.usage != null) {
            usage = c.usage;
        }
        if (c.blockReason != null) {
            throw new UpstreamException(FailureClass.BAD_REQUEST, 400, API + " upstream blocked the prompt ("
                    + c.blockReason + "); rephrase it or adjust the provider's safetySettings", null, null);
        }
        if (c.parts != null) {
            for (Part part : c.parts) {
                part(part, out);
            }
        }
        if (c.finishReason != null) {
            finishReason = c.finishReason;
        }
    }

    private void part(Part part, Consumer<StreamEvent> out) {
        JsonNode call = part.functionCall;
        String text = part.text;
        if (call != null && call.isObject()) {
            int index = tools++;
            String id = Json.nonEmpty(call, "id");
            out.accept(new StreamEvent.ToolCallStart(index, id != null ? id : callId(index),
                    String.valueOf(Json.text(call, "name"))));
            JsonNode args = call.get("args");
            out.accept(new StreamEvent.ToolCallDelta(index, args == null || args.isNull() ? "{}" : args.toString()));
            out.accept(new StreamEvent.ToolCallEnd(index));
        } else if (text != null && !text.isEmpty()) {
            out.accept(part.thought ? new StreamEvent.ReasoningDelta(text) : new StreamEvent.TextDelta(text));
        }
        if (part.thoughtSignature != null && !signatureSent) {
            signatureSent = true; // Google attaches it to the first part that needs replaying
            out.accept(new StreamEvent.ReasoningSignature(ThoughtSignature.wrap(part.thoughtSignature)));
        }
    }

    /** {@code usageMetadata}'s counts (each {@code asLong(0)}). */
    private record TokenCounts(long prompt, long cached, long thoughts, long candidates) {
        static TokenCounts read(JsonFrame f) {
            long prompt = 0;
            long cached = 0;
            long thoughts = 0;
            long candidates = 0;
            for (String field = f.nextField(); field != null; field = f.nextField()) {
                switch (field) {
                    case "promptTokenCount" -> prompt = f.longValue(0);
                    case "cachedContentTokenCount" -> cached = f.longValue(0);
                    case "thoughtsTokenCount" -> thoughts = f.longValue(0);
                    case "candidatesTokenCount" -> candidates = f.longValue(0);
                    default -> f.skip();
                }
            }
            return new TokenCounts(prompt, cached, thoughts, candidates);
        }
    }

    /** One part of the first candidate; a {@code functionCall} (a whole call, rare) is read as a tree. */
    private static final class Part {
        String thoughtSignature;
        JsonNode functionCall;
        String text;
        boolean thought;

        static Part read(JsonFrame f) {
            Part p = new Part();
            if (!f.isObject()) {
                f.skip();
                return p;
            }
            for (String field = f.nextField(); field != null; field = f.nextField()) {
                switch (field) {
                    case "thoughtSignature" -> p.thoughtSignature = f.nonEmpty();
                    case "functionCall" -> p.functionCall = f.tree();
                    case "text" -> p.text = f.text();
                    case "thought" -> p.thought = f.booleanValue(false);
                    default -> f.skip();
                }
            }
            return p;
        }
    }

    /**
     * The fields of one {@code GenerateContentResponse} this decoder uses, read with a streaming parser: the
     * first candidate's parts and finish reason, usage, the prompt's block reason. An {@code error} is thrown as
     * soon as it is read.
     */
    private static final class Chunk {
        String responseId;
        String modelVersion;
        TokenCounts usage;
        String blockReason;
        List<Part> parts;
        String finishReason;

        static Chunk read(String data) {
            Chunk c = new Chunk();
            try (JsonFrame f = JsonFrame.open(data, API, "GenerateContentResponse")) {
                if (f.enterObject()) {
                    for (String field = f.nextField(); field != null; field = f.nextField()) {
                        switch (field) {
                            case "error" -> {
                                JsonNode error = f.tree();
                                if (!error.isNull()) {
                                    throw error(error);
                                }
                            }
                            case "responseId" -> c.responseId = f.nonEmpty();
                            case "modelVersion" -> c.modelVersion = f.nonEmpty();
                            case "usageMetadata" -> c.usage = f.isObject() ? TokenCounts.read(f) : skipped(f);
                            case "promptFeedback" -> c.blockReason = blockReason(f);
                            case "candidates" -> c.readCandidates(f);
                            default -> f.skip();
                        }
                    }
                }
                f.end();
            }
            return c;
        }

        private static TokenCounts skipped(JsonFrame f) {
            f.skip();
            return null;
        }

        private static String blockReason(JsonFrame f) {
            String reason = null;
            if (!f.enterObject()) {
                return null;
            }
            for (String field = f.nextField(); field != null; field = f.nextField()) {
                if (field.equals("blockReason")) {
                    reason = f.nonEmpty();
                } else {
                    f.skip();
                }
            }
            return reason;
        }

        /** The first candidate only; the others are skipped. */
        private void readCandidates(JsonFrame f) {
            if (!f.isArray()) {
                f.skip();
                return;
            }
            boolean first = true;
            while (f.nextElement()) {
                if (!first || !f.isObject()) {
                    f.skip();
                    first = false;
                    continue;
                }
                first = false;
                for (String field = f.nextField(); field != null; field = f.nextField()) {
                    switch (field) {
                        case "content" -> readContent(f);
                        case "finishReason" -> finishReason = f.nonEmpty();
                        default -> f.skip();
                    }
                }
            }
        }

        private void readContent(JsonFrame f) {
            if (!f.enterObject()) {
                return;
            }
            for (String field = f.nextField(); field != null; field = f.nextField()) {
                if (field.equals("parts") && f.isArray()) {
                    parts = new ArrayList<>(2);
                    while (f.nextElement()) {
                        parts.add(Part.read(f));
                    }
                } else {
                    f.skip();
                }
            }
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
            long prompt = usage.prompt();
            long cached = usage.cached();
            long thoughts = usage.thoughts();
            long candidates = usage.candidates();
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
