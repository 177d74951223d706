package dev.clawgate.usage;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.ToolSpec;
import dev.clawgate.wire.Usage;
import java.util.function.ToIntFunction;

/**
 * Counts tokens when an upstream reports none (some local servers, cut-off streams), with OpenAI's
 * {@code o200k_base} tokenizer bundled in jtokkit (offline). Other model families tokenize differently,
 * so the counts are estimates, usually within ~10-20% for English text and code; results carry
 * {@code estimated=true}.
 *
 * <p>Prompt = system text + every message's text, reasoning, tool calls (name and arguments) and tool
 * results, plus {@link #TOKENS_PER_MESSAGE} per message for the chat template's role markers, plus the
 * tool definitions (name, description, JSON schema text, with a per-tool overhead), plus
 * {@link #TOKENS_PER_REPLY} for the assistant turn the template opens. Images count
 * {@link #TOKENS_PER_IMAGE} each, since their size is unknown here.
 *
 * <p>The tokenizer (a ~3.6 MB vocabulary) loads on first use, once per JVM; instances are stateless and
 * thread-safe, and {@link #shared()} is the one to use.
 *
 * <p>Work is linear and memory bounded whatever the text: the byte-pair encoder is quadratic (and
 * allocation-heavy) in the length of one pre-tokenized piece, and a piece is a run of letters, symbols or
 * whitespace, so a long text without spaces (base64, a repeated character, a minified blob) took seconds
 * and hundreds of MB per MiB. Runs longer than {@link #LONG_RUN} characters are therefore estimated from
 * their first {@link #RUN_SAMPLE} characters by ratio, and ordinary text goes to the encoder in chunks of
 * about {@link #CHUNK} characters cut at whitespace.
 */
public final class TokenEstimator {

    /** Role and separator tokens a chat template wraps each message in (OpenAI's published figure). */
    public static final int TOKENS_PER_MESSAGE = 3;
    /** The template's opening of the assistant reply. */
    public static final int TOKENS_PER_REPLY = 3;
    /** Wrapping of one function definition in the template's tool section. */
    public static final int TOKENS_PER_TOOL = 8;
    /** The tool section's own header and footer, once when any tool is offered. */
    public static final int TOKENS_PER_TOOL_SECTION = 12;
    /** Wrapping of one tool call or tool result inside a message. */
    public static final int TOKENS_PER_TOOL_CALL = 4;
    /** One high-detail 1024x1024 image in OpenAI's tile arithmetic; a middle-of-the-road guess. */
    public static final int TOKENS_PER_IMAGE = 765;

    /** Runs (of non-whitespace, or of whitespace) longer than this are estimated by ratio. */
    public static final int LONG_RUN = 256;
    /** How much of a long run is really encoded to learn its characters-per-token ratio. */
    public static final int RUN_SAMPLE = 128;
    /** Ordinary text is encoded in pieces of about this many characters (bounds transient memory). */
    public static final int CHUNK = 64 * 1024;

    private static final TokenEstimator SHARED = new TokenEstimator(text -> Tokenizer.O200K.countTokensOrdinary(text));

    private final ToIntFunction<String> encoder;

    /** {@code encoder} counts the tokens of one piece of text; tests pass a recording one. */
    TokenEstimator(ToIntFunction<String> encoder) {
        this.encoder = encoder;
    }

    /** Initialised on first use by the class loader, which makes it lazy and thread-safe. */
    private static final class Tokenizer {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    public static TokenEstimator shared() {
        return SHARED;
    }

    /** Tokens of plain text; special-token markers in it count as ordinary text. */
    public int countText(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        long total = 0;
        int n = text.length();
        int pending = 0; // start of ordinary text not yet encoded
        int i = 0;
        while (i < n) {
            boolean space = Character.isWhitespace(text.charAt(i));
            int end = i + 1;
            while (end < n && Character.isWhitespace(text.charAt(end)) == space) {
                end++;
            }
            if (end - i > LONG_RUN) {
                total += encode(text, pending, i) + longRun(text, i, end);
                pending = end;
            } else if (space && i - pending >= CHUNK) {
                total += encode(text, pending, i); // cut before whitespace: " word" stays one piece
                pending = i;
            }
            i = end;
        }
        total += encode(text, pending, n);
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    private int encode(String text, int from, int to) {
        return from >= to ? 0 : encoder.applyAsInt(text.substring(from, to));
    }

    /** Tokens of a long run: its first {@link #RUN_SAMPLE} characters encoded, scaled to its length. */
    private long longRun(String text, int from, int to) {
        int sampleEnd = from + RUN_SAMPLE;
        if (Character.isLowSurrogate(text.charAt(sampleEnd))) {
            sampleEnd++; // never split a surrogate pair
        }
        int sampleTokens = Math.max(1, encode(text, from, sampleEnd));
        return (long) Math.ceil((double) sampleTokens * (to - from) / (sampleEnd - from));
    }

    /** A running count over text that arrives in pieces (stream deltas), holding at most about a chunk. */
    public Counter counter() {
        return new Counter(this);
    }

    /** Counts appended text incrementally; not thread-safe (one per stream). */
    public static final class Counter {
        private final TokenEstimator estimator;
        private final StringBuilder pending = new StringBuilder();
        private long counted;

        private Counter(TokenEstimator estimator) {
            this.estimator = estimator;
        }

        public void append(String text) {
            if (text == null) {
                return;
            }
            pending.append(text);
            if (pending.length() > 2 * CHUNK) {
                int cut = pending.length() - LONG_RUN; // keep a tail: a word or run may go on in the next piece
                while (cut > 0 && !Character.isWhitespace(pending.charAt(cut))) {
                    cut--;
                }
                if (cut == 0) { // one long run: count all but a short tail of it
                    cut = pending.length() - RUN_SAMPLE;
                    if (Character.isLowSurrogate(pending.charAt(cut))) {
                        cut--;
                    }
                }
                counted += estimator.countText(pending.substring(0, cut));
                pending.delete(0, cut);
            }
        }

        /** Tokens of everything appended so far. */
        public long tokens() {
            return counted + estimator.countText(pending.toString());
        }
    }

    public long estimatePromptTokens(ChatRequest request) {
        long tokens = TOKENS_PER_REPLY;
        if (request.system() != null && !request.system().isEmpty()) {
            tokens += TOKENS_PER_MESSAGE + countText(request.system());
        }
        for (Message m : request.messages()) {
            tokens += estimateMessageTokens(m);
        }
        if (!request.tools().isEmpty()) {
            tokens += TOKENS_PER_TOOL_SECTION;
            for (ToolSpec t : request.tools()) {
                tokens += TOKENS_PER_TOOL + countText(t.name()) + countText(t.description())
                        + (t.parameters() == null ? 0 : countText(t.parameters().toString()));
            }
        }
        return tokens;
    }

    /**
     * One message's share of {@link #estimatePromptTokens}: a request's estimate is the estimate of the same
     * request without messages plus this for each message, so a caller can keep per-message counts and add.
     */
    public long estimateMessageTokens(Message m) {
        long tokens = TOKENS_PER_MESSAGE;
        for (Part p : m.parts()) {
            tokens += partTokens(p);
        }
        return tokens;
    }

    public long estimateOutputTokens(String text) {
        return countText(text);
    }

    /** Usage for a request answered with plain text. */
    public Usage estimate(ChatRequest request, String outputText) {
        return new Usage(estimatePromptTokens(request), countText(outputText), 0, 0, 0, true);
    }

    /** Usage for a whole response: text, reasoning (also reported as reasoning tokens) and tool calls. */
    public Usage estimate(ChatRequest request, ChatResponse response) {
        long reasoning = countText(response.reasoning());
        long output = countText(response.text()) + reasoning;
        for (Part.ToolCall call : response.toolCalls()) {
            output += partTokens(call);
        }
        return new Usage(estimatePromptTokens(request), output, 0, 0, reasoning, true);
    }

    private long partTokens(Part p) {
        return switch (p) {
            case Part.Text t -> countText(t.text());
            case Part.Reasoning r -> countText(r.text());
            case Part.Image i -> TOKENS_PER_IMAGE;
            case Part.ToolCall c -> TOKENS_PER_TOOL_CALL + countText(c.name()) + countText(c.argumentsJson());
            case Part.ToolResult r -> TOKENS_PER_TOOL_CALL + countText(r.content());
        };
    }
}
