package dev.clawgate.routing;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers in a server's context-overflow message: the window the server really has (which may be
 * smaller than the catalog says, e.g. LM Studio loaded with a 4096 context) and the tokens the request
 * needed. Either may be missing.
 */
record ContextOverflowDetails(OptionalInt window, OptionalInt requested) {

    private record Shape(Pattern pattern, int windowGroup, int requestedGroup) {}

    // Window first, then request, unless the groups say otherwise. Numbers may carry thousands separators.
    private static final String N = "([0-9][0-9,_]*)";
    private static final List<Shape> SHAPES = List.of(
            // vLLM / OpenAI: "This model's maximum context length is 32768 tokens. However, you requested 33077 tokens"
            new Shape(Pattern.compile("maximum context length is " + N + " tokens.*?(?:requested|resulted in) " + N
                    + " tokens", Pattern.CASE_INSENSITIVE | Pattern.DOTALL), 1, 2),
            // SGLang: "The input (N tokens) is longer than the model's context length (M tokens)"
            new Shape(Pattern.compile("input \\(" + N + " tokens\\) is longer than the model's context length \\(" + N
                    + " tokens\\)", Pattern.CASE_INSENSITIVE), 2, 1),
            // Anthropic: "prompt is too long: 208123 tokens > 200000 maximum"
            new Shape(Pattern.compile("prompt is too long: " + N + " tokens > " + N, Pattern.CASE_INSENSITIVE), 2, 1),
            // llama.cpp: "request (5000 tokens) exceeds the available context size (4096 tokens)"
            new Shape(Pattern.compile("request \\(" + N + " tokens\\) exceeds the available context size \\(" + N
                    + " tokens\\)", Pattern.CASE_INSENSITIVE), 2, 1),
            // LM Studio: "Trying to keep the first 5000 tokens ... context length of only 4096 tokens"
            new Shape(Pattern.compile("keep the first " + N + " tokens.*?context length of only " + N + " tokens",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL), 2, 1));

    private static final Pattern WINDOW_ONLY = Pattern.compile(
            "(?:maximum context length is|context (?:size|length|window)(?: of(?: only)?)? \\(?)" + N + " tokens",
            Pattern.CASE_INSENSITIVE);

    static ContextOverflowDetails parse(String message) {
        if (message == null) {
            return new ContextOverflowDetails(OptionalInt.empty(), OptionalInt.empty());
        }
        for (Shape shape : SHAPES) {
            Matcher m = shape.pattern().matcher(message);
            if (m.find()) {
                return new ContextOverflowDetails(number(m.group(shape.windowGroup())),
                        number(m.group(shape.requestedGroup())));
            }
        }
        Matcher m = WINDOW_ONLY.matcher(message);
        return new ContextOverflowDetails(m.find() ? number(m.group(1)) : OptionalInt.empty(), OptionalInt.empty());
    }

    private static OptionalInt number(String digits) {
        try {
            return OptionalInt.of(Integer.parseInt(digits.replace(",", "").replace("_", "")));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    Optional<Integer> requestedTokens() {
        return requested.isPresent() ? Optional.of(requested.getAsInt()) : Optional.empty();
    }
}
