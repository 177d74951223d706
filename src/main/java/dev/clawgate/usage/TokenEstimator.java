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

    private static final TokenEstimator SHARED = new TokenEstimator();

    /** Initialised on first use by the class loader, which makes it lazy and thread-safe. */
    private static final class Tokenizer {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    public static TokenEstimator shared() {
        return SHARED;
    }

    /** Tokens of plain text; special-token markers in it count as ordinary text. */
    public int countText(String text) {
        return text == null || text.isEmpty() ? 0 : Tokenizer.O200K.countTokensOrdinary(text);
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
