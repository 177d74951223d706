package dev.clawgate.upstream.transport;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers a context-overflow message carries, so the router can tell the user the model's window and
 * the request's size. Either may be unknown (0): many servers state only one of them.
 *
 * @param windowTokens the model's (or loaded instance's) context window, 0 when the text does not say
 * @param requestedTokens the tokens the request needed (prompt, plus completion where the server adds
 *     it), 0 when the text does not say
 */
public record ContextSize(long windowTokens, long requestedTokens) {

    private static final String N = "(\\d[\\d,]*)";

    /** Patterns giving (requested, window) in that group order, most specific first. */
    private static final Pattern[] REQUESTED_THEN_WINDOW = {
        // Anthropic: prompt is too long: 208000 tokens > 200000 maximum
        Pattern.compile("(?i)prompt is too long:\\s*" + N + "\\s*tokens\\s*>\\s*" + N),
        // SGLang: The input (N tokens) is longer than the model's context length (M tokens)
        Pattern.compile("(?i)input \\(" + N + " tokens\\) is longer than the model'?s context length \\(" + N),
        // llama.cpp: request (N tokens) exceeds the available context size (M tokens)
        Pattern.compile("(?i)request \\(" + N + " tokens\\) exceeds the available context size \\(" + N),
        // Mistral: Prompt contains N tokens ... too large for model with M maximum context length
        Pattern.compile("(?i)prompt contains " + N + " tokens.{0,80}?too large for model with " + N),
        // Gemini: The input token count (N) exceeds the maximum number of tokens allowed (M)
        Pattern.compile("(?i)input token count \\(?" + N + "\\)? exceeds the maximum number of tokens allowed \\(?" + N),
        // LM Studio: Trying to keep the first N tokens when context the overflows. However, the model is
        // loaded with context length of M tokens
        Pattern.compile("(?is)keep the first " + N + " tokens.{0,200}?context length of " + N),
        // llama.cpp error JSON fields
        Pattern.compile("(?s)\"n_prompt_tokens\"\\s*:\\s*" + N + ".{0,200}?\"n_ctx\"\\s*:\\s*" + N),
    };

    // OpenAI, vLLM, OpenRouter: This model's maximum context length is 32768 tokens. However, you requested
    // 33077 tokens (...) / your messages resulted in N tokens / your request has N input tokens
    private static final Pattern MAXIMUM_IS = Pattern.compile("(?i)maximum context length is " + N);
    private static final Pattern REQUESTED = Pattern.compile(
            "(?i)(?:you requested|resulted in|request has|requested about|requested)\\s+(?:about\\s+)?" + N
                    + "\\s+(?:input\\s+)?tokens");
    // vLLM: 'max_tokens' is too large: 4000. ... your request has 200 input tokens (4000 > 4096 - 200)
    private static final Pattern MAX_TOKENS_TOO_LARGE = Pattern.compile("(?i)max_tokens'? is too large:\\s*" + N);
    private static final Pattern GENERIC_WINDOW = Pattern.compile(
            "(?i)context (?:length|size|window)(?: is| of)?\\s*\\(?" + N + "(?:\\s*tokens)?");

    /** The numbers in an overflow message, or empty when it carries none. */
    public static Optional<ContextSize> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        for (Pattern p : REQUESTED_THEN_WINDOW) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                return Optional.of(new ContextSize(number(m.group(2)), number(m.group(1))));
            }
        }
        long window = 0;
        long requested = 0;
        Matcher max = MAXIMUM_IS.matcher(text);
        if (max.find()) {
            window = number(max.group(1));
        }
        Matcher req = REQUESTED.matcher(text);
        if (req.find()) {
            requested = number(req.group(1));
            Matcher tooLarge = MAX_TOKENS_TOO_LARGE.matcher(text);
            if (tooLarge.find() && text.regionMatches(true, req.start(), "request has", 0, 11)) {
                requested += number(tooLarge.group(1)); // input tokens plus the completion asked for
            }
        }
        if (window == 0) {
            Matcher generic = GENERIC_WINDOW.matcher(text);
            if (generic.find()) {
                window = number(generic.group(1));
            }
        }
        return window == 0 && requested == 0 ? Optional.empty() : Optional.of(new ContextSize(window, requested));
    }

    private static long number(String digits) {
        try {
            return Long.parseLong(digits.replace(",", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
