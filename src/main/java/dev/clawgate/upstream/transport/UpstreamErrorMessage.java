package dev.clawgate.upstream.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the upstream's own words out of an error body, short enough to show a user. Knows the error
 * shapes of every upstream Clawgate talks to:
 *
 * <ul>
 *   <li>OpenAI, OpenRouter, LM Studio, llama.cpp: {@code {"error":{"message","type","code"}}}
 *   <li>Anthropic: {@code {"type":"error","error":{"type","message"}}}
 *   <li>vLLM, SGLang: {@code {"object":"error","message","type","code"}}
 *   <li>Ollama: {@code {"error":"..."}}
 *   <li>FastAPI (vLLM routes): {@code {"detail":"..."}} or {@code {"detail":[{"msg"}]}}
 *   <li>plain text, and HTML pages from proxies: {@code "<status> HTML error page: <title>"}
 * </ul>
 */
public final class UpstreamErrorMessage {

    /** Longest message kept; the rest of a long body helps nobody reading an error line. */
    public static final int MAX_CHARS = 300;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern H1 = Pattern.compile("(?is)<h1[^>]*>(.*?)</h1>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern MESSAGE_FIELD = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private UpstreamErrorMessage() {}

    /** The message for a non-2xx answer, never empty, at most {@link #MAX_CHARS} characters. */
    public static String extract(int status, String contentType, String body) {
        if (body == null || body.isBlank()) {
            return "HTTP " + status + " with an empty body";
        }
        if (isHtml(contentType, body)) {
            return cap(htmlSummary(status, body));
        }
        String trimmed = body.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            String fromJson = fromJson(trimmed);
            if (fromJson != null && !fromJson.isBlank()) {
                return cap(collapse(fromJson));
            }
        }
        return cap(collapse(trimmed));
    }

    /** True for an HTML page: by content type, or by how the body starts when the type lies. */
    public static boolean isHtml(String contentType, String body) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("text/html")) {
            return true;
        }
        if (body == null) {
            return false;
        }
        String start = body.stripLeading();
        start = start.substring(0, Math.min(start.length(), 15)).toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head")
                || start.startsWith("<body");
    }

    /** {@code "502 HTML error page: 502 Bad Gateway"}; the title, else the first heading, else nothing. */
    static String htmlSummary(int status, String html) {
        String title = firstGroup(TITLE, html);
        if (title == null || title.isBlank()) {
            title = firstGroup(H1, html);
        }
        String prefix = status + " HTML error page";
        if (title == null) {
            return prefix;
        }
        title = collapse(unescape(TAG.matcher(title).replaceAll(" ")));
        return title.isEmpty() ? prefix : prefix + ": " + title;
    }

    private static String fromJson(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // A body cut at the read limit is no longer valid JSON; its message field may still be whole.
            String message = firstGroup(MESSAGE_FIELD, text);
            return message != null ? message.replace("\\\"", "\"").replace("\\n", " ") : null;
        }
        return messageOf(root, 0);
    }

    private static String messageOf(JsonNode node, int depth) {
        if (node == null || node.isNull() || depth > 3) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : messageOf(node.get(0), depth + 1);
        }
        if (!node.isObject()) {
            return node.toString();
        }
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            String m = error.isObject() ? firstText(error, "message", "msg", "detail") : messageOf(error, depth + 1);
            if (m != null) {
                return m;
            }
            if (error.isObject()) {
                String typeOrCode = firstText(error, "type", "code", "status");
                if (typeOrCode != null) {
                    return typeOrCode;
                }
            }
        }
        String m = firstText(node, "message", "msg", "error_message", "title");
        if (m != null) {
            return m;
        }
        JsonNode detail = node.get("detail");
        if (detail != null) {
            if (detail.isArray() && !detail.isEmpty()) {
                String msg = firstText(detail.get(0), "msg", "message");
                if (msg != null) {
                    return msg;
                }
            }
            return messageOf(detail, depth + 1);
        }
        JsonNode errors = node.get("errors");
        if (errors != null) {
            return messageOf(errors, depth + 1);
        }
        return node.toString();
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v != null && (v.isTextual() || v.isNumber()) && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    private static String firstGroup(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    static String collapse(String s) {
        return WHITESPACE.matcher(s).replaceAll(" ").strip();
    }

    static String cap(String s) {
        if (s.length() <= MAX_CHARS) {
            return s;
        }
        int end = MAX_CHARS - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
