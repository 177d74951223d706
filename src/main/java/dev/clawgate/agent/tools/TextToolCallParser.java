package dev.clawgate.agent.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.wire.Part;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recovers tool calls that a local model wrote as text instead of using the API's tool-call channel:
 * {@code <tool_call>{"name": …, "arguments": {…}}</tool_call>} blocks (Hermes / Qwen templates), or a reply
 * that is nothing but such a JSON object (optionally in a {@code ```json} fence, or an array of them).
 *
 * <p>A call is recognised only when its name <em>exactly</em> equals one of the allowed tool names: no case
 * folding, no trimming, no fuzzy matching. Anything else stays in the text as text and is never run.
 */
public final class TextToolCallParser {

    /** Texts longer than this are not scanned: a real tool call is small. */
    public static final int MAX_SCANNED_CHARS = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String OPEN = "<tool_call>";
    private static final String CLOSE = "</tool_call>";

    private final Set<String> allowedToolNames;

    public TextToolCallParser(Set<String> allowedToolNames) {
        this.allowedToolNames = Set.copyOf(allowedToolNames);
    }

    /** @param calls the recognised calls, in order; @param remainingText the text without them, trimmed */
    public record Result(List<Part.ToolCall> calls, String remainingText) {
        public Result {
            calls = List.copyOf(calls);
        }

        public boolean hasCalls() {
            return !calls.isEmpty();
        }
    }

    public Result parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_SCANNED_CHARS) {
            return new Result(List.of(), text == null ? "" : text);
        }
        if (text.toLowerCase(Locale.ROOT).contains(OPEN)) {
            return parseTagged(text);
        }
        List<Part.ToolCall> calls = new ArrayList<>();
        if (collectCalls(stripFence(text.trim()), calls)) {
            return new Result(calls, "");
        }
        return new Result(List.of(), text);
    }

    private Result parseTagged(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<Part.ToolCall> calls = new ArrayList<>();
        StringBuilder remaining = new StringBuilder();
        int pos = 0;
        while (pos < text.length()) {
            int open = lower.indexOf(OPEN, pos);
            if (open < 0) {
                remaining.append(text, pos, text.length());
                break;
            }
            int bodyStart = open + OPEN.length();
            int close = lower.indexOf(CLOSE, bodyStart);
            // A model that stops right after the JSON often leaves the closing tag out.
            int bodyEnd = close < 0 ? text.length() : close;
            int blockEnd = close < 0 ? text.length() : close + CLOSE.length();
            remaining.append(text, pos, open);
            List<Part.ToolCall> found = new ArrayList<>();
            if (collectCalls(stripFence(text.substring(bodyStart, bodyEnd).trim()), found)) {
                calls.addAll(found);
            } else {
                remaining.append(text, open, blockEnd);
            }
            pos = blockEnd;
        }
        return new Result(calls, remaining.toString().trim());
    }

    /** Adds the calls in {@code json} to {@code out}; false (adding nothing) unless all of it is valid calls. */
    private boolean collectCalls(String json, List<Part.ToolCall> out) {
        if (json.isEmpty() || (json.charAt(0) != '{' && json.charAt(0) != '[')) {
            return false;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return false;
        }
        List<JsonNode> objects = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(objects::add);
        } else if (node != null) {
            objects.add(node);
        }
        if (objects.isEmpty()) {
            return false;
        }
        List<Part.ToolCall> calls = new ArrayList<>();
        for (JsonNode object : objects) {
            Part.ToolCall call = toCall(object);
            if (call == null) {
                return false;
            }
            calls.add(call);
        }
        out.addAll(calls);
        return true;
    }

    private Part.ToolCall toCall(JsonNode object) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode function = object.get("function");
        JsonNode call = function != null && function.isObject() ? function : object;
        JsonNode name = call.get("name");
        if (name == null || !name.isTextual() || !allowedToolNames.contains(name.textValue())) {
            return null;
        }
        JsonNode args = call.has("arguments") ? call.get("arguments") : call.get("parameters");
        String argumentsJson = argumentsJson(args);
        if (argumentsJson == null) {
            return null;
        }
        return new Part.ToolCall(newCallId(), name.textValue(), argumentsJson);
    }

    private static String argumentsJson(JsonNode args) {
        if (args == null || args.isNull()) {
            return "{}";
        }
        if (args.isObject()) {
            return args.toString();
        }
        if (args.isTextual()) {
            // Some templates double-encode: "arguments": "{\"path\": \"a.txt\"}".
            try {
                JsonNode inner = JSON.readTree(args.textValue());
                return inner != null && inner.isObject() ? inner.toString() : null;
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        return null;
    }

    private static String stripFence(String s) {
        if (!s.startsWith("```") || !s.endsWith("```") || s.length() < 6) {
            return s;
        }
        int firstNewline = s.indexOf('\n');
        if (firstNewline < 0) {
            return s;
        }
        return s.substring(firstNewline + 1, s.length() - 3).trim();
    }

    private static String newCallId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "call_text_" + HexFormat.of().formatHex(bytes);
    }
}
