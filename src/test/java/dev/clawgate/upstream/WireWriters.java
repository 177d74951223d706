package dev.clawgate.upstream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.Usage;

/**
 * Test-only: writes a canonical answer the way each upstream API streams it, for round trips through a
 * stand-in upstream. Text, reasoning and arguments are cut into two pieces to exercise reassembly.
 */
public final class WireWriters {

    private WireWriters() {}

    private static String[] halves(String s) {
        int mid = s.length() / 2;
        return new String[] {s.substring(0, mid), s.substring(mid)};
    }

    private static String sse(String event, ObjectNode data) {
        return (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
    }

    public static String chatCompletions(ChatResponse r) {
        StringBuilder out = new StringBuilder();
        ObjectNode first = chunk(r);
        first.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                .putObject("delta").put("role", "assistant").put("content", "");
        out.append(sse(null, first));
        for (String piece : halves(r.reasoning())) {
            ObjectNode c = chunk(r);
            c.withArray("choices").addObject().put("index", 0).putObject("delta").put("reasoning_content", piece);
            out.append(sse(null, c));
        }
        for (String piece : halves(r.text())) {
            ObjectNode c = chunk(r);
            c.withArray("choices").addObject().put("index", 0).putObject("delta").put("content", piece);
            out.append(sse(null, c));
        }
        for (int i = 0; i < r.toolCalls().size(); i++) {
            Part.ToolCall call = r.toolCalls().get(i);
            String[] args = halves(call.argumentsJson());
            ObjectNode c = chunk(r);
            ObjectNode fragment = c.withArray("choices").addObject().put("index", 0).putObject("delta")
                    .putArray("tool_calls").addObject().put("index", i).put("id", call.id()).put("type", "function");
            fragment.putObject("function").put("name", call.name()).put("arguments", args[0]);
            out.append(sse(null, c));
            ObjectNode c2 = chunk(r);
            c2.withArray("choices").addObject().put("index", 0).putObject("delta").putArray("tool_calls").addObject()
                    .put("index", i).putObject("function").put("arguments", args[1]);
            out.append(sse(null, c2));
        }
        ObjectNode last = chunk(r);
        last.withArray("choices").addObject().put("index", 0).put("finish_reason",
                r.toolCalls().isEmpty() ? "stop" : "tool_calls").putObject("delta");
        out.append(sse(null, last));
        ObjectNode usage = chunk(r);
        usage.putArray("choices");
        Usage u = r.usage();
        ObjectNode un = usage.putObject("usage").put("prompt_tokens", u.inputTokens() + u.cacheReadTokens())
                .put("completion_tokens", u.outputTokens());
        un.putObject("prompt_tokens_details").put("cached_tokens", u.cacheReadTokens());
        un.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        out.append(sse(null, usage));
        return out.append("data: [DONE]\n\n").toString();
    }

    private static ObjectNode chunk(ChatResponse r) {
        return Json.object().put("id", r.id()).put("object", "chat.completion.chunk").put("created", 1_700_000_000)
                .put("model", r.model());
    }

    public static String responses(ChatResponse r) {
        StringBuilder out = new StringBuilder();
        int seq = 0;
        ObjectNode created = Json.object().put("type", "response.created").put("sequence_number", seq++);
        created.putObject("response").put("id", r.id()).put("model", r.model()).put("status", "in_progress").putArray("output");
        out.append(sse("response.created", created));
        int output = 0;
        if (!r.reasoning().isEmpty()) {
            for (String piece : halves(r.reasoning())) {
                out.append(sse("response.reasoning_text.delta", Json.object().put("type", "response.reasoning_text.delta")
                        .put("sequence_number", seq++).put("item_id", "rs_1").put("output_index", output)
                        .put("content_index", 0).put("delta", piece)));
            }
            output++;
        }
        if (!r.text().isEmpty()) {
            for (String piece : halves(r.text())) {
                out.append(sse("response.output_text.delta", Json.object().put("type", "response.output_text.delta")
                        .put("sequence_number", seq++).put("item_id", "msg_1").put("output_index", output)
                        .put("content_index", 0).put("delta", piece)));
            }
            output++;
        }
        for (Part.ToolCall call : r.toolCalls()) {
            ObjectNode added = Json.object().put("type", "response.output_item.added").put("sequence_number", seq++)
                    .put("output_index", output);
            added.putObject("item").put("id", "fc_" + output).put("type", "function_call").put("call_id", call.id())
                    .put("name", call.name()).put("arguments", "");
            out.append(sse("response.output_item.added", added));
            for (String piece : halves(call.argumentsJson())) {
                out.append(sse("response.function_call_arguments.delta", Json.object()
                        .put("type", "response.function_call_arguments.delta").put("sequence_number", seq++)
                        .put("item_id", "fc_" + output).put("output_index", output).put("delta", piece)));
            }
            ObjectNode done = Json.object().put("type", "response.output_item.done").put("sequence_number", seq++)
                    .put("output_index", output);
            done.putObject("item").put("id", "fc_" + output).put("type", "function_call").put("call_id", call.id())
                    .put("name", call.name()).put("arguments", call.argumentsJson());
            out.append(sse("response.output_item.done", done));
            output++;
        }
        ObjectNode completed = Json.object().put("type", "response.completed").put("sequence_number", seq);
        Usage u = r.usage();
        ObjectNode usage = completed.putObject("response").put("id", r.id()).put("status", "completed")
                .putObject("usage").put("input_tokens", u.inputTokens() + u.cacheReadTokens())
                .put("output_tokens", u.outputTokens());
        usage.putObject("input_tokens_details").put("cached_tokens", u.cacheReadTokens());
        usage.putObject("output_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        return out.append(sse("response.completed", completed)).toString();
    }

    public static String anthropic(ChatResponse r) {
        StringBuilder out = new StringBuilder();
        Usage u = r.usage();
        ObjectNode start = Json.object().put("type", "message_start");
        ObjectNode message = start.putObject("message").put("id", r.id()).put("type", "message").put("role", "assistant")
                .put("model", r.model());
        message.putArray("content");
        message.putObject("usage").put("input_tokens", u.inputTokens()).put("cache_read_input_tokens", u.cacheReadTokens())
                .put("cache_creation_input_tokens", u.cacheWriteTokens()).put("output_tokens", 1);
        out.append(sse("message_start", start));
        int index = 0;
        if (!r.reasoning().isEmpty()) {
            ObjectNode blockStart = Json.object().put("type", "content_block_start").put("index", index);
            blockStart.putObject("content_block").put("type", "thinking").put("thinking", "");
            out.append(sse("content_block_start", blockStart));
            for (String piece : halves(r.reasoning())) {
                out.append(delta(index, Json.object().put("type", "thinking_delta").put("thinking", piece)));
            }
            out.append(delta(index, Json.object().put("type", "signature_delta").put("signature", r.reasoningSignature())));
            out.append(sse("content_block_stop", Json.object().put("type", "content_block_stop").put("index", index++)));
        }
        out.append(sse("ping", Json.object().put("type", "ping")));
        if (!r.text().isEmpty()) {
            ObjectNode blockStart = Json.object().put("type", "content_block_start").put("index", index);
            blockStart.putObject("content_block").put("type", "text").put("text", "");
            out.append(sse("content_block_start", blockStart));
            for (String piece : halves(r.text())) {
                out.append(delta(index, Json.object().put("type", "text_delta").put("text", piece)));
            }
            out.append(sse("content_block_stop", Json.object().put("type", "content_block_stop").put("index", index++)));
        }
        for (Part.ToolCall call : r.toolCalls()) {
            ObjectNode blockStart = Json.object().put("type", "content_block_start").put("index", index);
            ObjectNode block = blockStart.putObject("content_block").put("type", "tool_use").put("id", call.id())
                    .put("name", call.name());
            block.putObject("input");
            out.append(sse("content_block_start", blockStart));
            for (String piece : halves(call.argumentsJson())) {
                out.append(delta(index, Json.object().put("type", "input_json_delta").put("partial_json", piece)));
            }
            out.append(sse("content_block_stop", Json.object().put("type", "content_block_stop").put("index", index++)));
        }
        ObjectNode messageDelta = Json.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", r.toolCalls().isEmpty() ? "end_turn" : "tool_use").putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", u.outputTokens());
        out.append(sse("message_delta", messageDelta));
        return out.append(sse("message_stop", Json.object().put("type", "message_stop"))).toString();
    }

    private static String delta(int index, ObjectNode delta) {
        ObjectNode event = Json.object().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        return sse("content_block_delta", event);
    }

    public static String ollama(ChatResponse r) {
        StringBuilder out = new StringBuilder();
        for (String piece : halves(r.reasoning())) {
            out.append(line(r).put("done", false).<ObjectNode>set("message",
                    Json.object().put("role", "assistant").put("content", "").put("thinking", piece))).append('\n');
        }
        for (String piece : halves(r.text())) {
            out.append(line(r).put("done", false).<ObjectNode>set("message",
                    Json.object().put("role", "assistant").put("content", piece))).append('\n');
        }
        if (!r.toolCalls().isEmpty()) {
            ObjectNode message = Json.object().put("role", "assistant").put("content", "");
            ArrayNode calls = message.putArray("tool_calls");
            for (Part.ToolCall call : r.toolCalls()) {
                calls.addObject().put("id", call.id()).putObject("function").put("name", call.name())
                        .set("arguments", Json.parseLenient(call.argumentsJson()));
            }
            out.append(line(r).put("done", false).<ObjectNode>set("message", message)).append('\n');
        }
        ObjectNode done = line(r).put("done", true).put("done_reason", "stop")
                .put("prompt_eval_count", r.usage().inputTokens()).put("eval_count", r.usage().outputTokens());
        done.putObject("message").put("role", "assistant").put("content", "");
        return out.append(done).append('\n').toString();
    }

    private static ObjectNode line(ChatResponse r) {
        return Json.object().put("model", r.model()).put("created_at", "2025-09-01T10:00:00Z");
    }
    /**
     * Gemini {@code streamGenerateContent?alt=sse}: whole {@code GenerateContentResponse} chunks, thought
     * parts first, then text, then the function calls with the thought signature on the first; the last
     * chunk has the finish reason and the usage. {@code reasoningSignature} is the canonical (wrapped) one.
     */
    public static String gemini(ChatResponse r) {
        StringBuilder out = new StringBuilder();
        for (String piece : halves(r.reasoning())) {
            out.append(geminiChunk(r, Json.object().put("text", piece).put("thought", true)));
        }
        for (String piece : halves(r.text())) {
            out.append(geminiChunk(r, Json.object().put("text", piece)));
        }
        String signature = Json.parseLenient(r.reasoningSignature()).path("signature").asText();
        ObjectNode last = Json.object().put("responseId", r.id()).put("modelVersion", r.model());
        ObjectNode candidate = last.putArray("candidates").addObject();
        ArrayNode parts = candidate.putObject("content").put("role", "model").putArray("parts");
        boolean first = true;
        for (Part.ToolCall call : r.toolCalls()) {
            ObjectNode part = parts.addObject();
            part.putObject("functionCall").put("id", call.id()).put("name", call.name())
                    .set("args", Json.parseLenient(call.argumentsJson()));
            if (first) {
                part.put("thoughtSignature", signature);
                first = false;
            }
        }
        candidate.put("finishReason", "STOP").put("index", 0);
        Usage u = r.usage();
        last.putObject("usageMetadata").put("promptTokenCount", u.inputTokens() + u.cacheReadTokens())
                .put("candidatesTokenCount", u.outputTokens() - u.reasoningTokens())
                .put("thoughtsTokenCount", u.reasoningTokens()).put("cachedContentTokenCount", u.cacheReadTokens())
                .put("totalTokenCount", u.totalTokens());
        return out.append(sse(null, last)).toString();
    }

    private static String geminiChunk(ChatResponse r, ObjectNode part) {
        ObjectNode chunk = Json.object().put("responseId", r.id()).put("modelVersion", r.model());
        chunk.putArray("candidates").addObject().put("index", 0).putObject("content").put("role", "model")
                .putArray("parts").add(part);
        return sse(null, chunk);
    }
}
