package dev.clawgate.agent;

import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a final assistant message into what the user gets: reasoning never travels inside the reply text,
 * {@code <think>…</think>} blocks that local models leave in their text are cut out, and a reply that is
 * exactly {@code NO_REPLY} (trimmed, any case) is suppressed entirely, reasoning included, because the agent
 * decided to stay silent. For replies streamed as they are generated see {@link StreamingReplyFilter}.
 */
public final class DeliveryFilter {

    /** The whole-reply token by which the agent declines to answer. */
    public static final String SILENT_TOKEN = "NO_REPLY";

    static final Pattern THINK_TAG = Pattern.compile("<\\s*(/?)\\s*think(?:ing)?\\s*>", Pattern.CASE_INSENSITIVE);

    private final ReasoningDisplay display;

    public DeliveryFilter(ReasoningDisplay display) {
        this.display = display;
    }

    public ReasoningDisplay display() {
        return display;
    }

    public Delivery deliver(Message finalAssistantMessage) {
        StringBuilder reasoning = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (Part part : finalAssistantMessage.parts()) {
            if (part instanceof Part.Reasoning r && !r.redacted() && r.text() != null) {
                appendParagraph(reasoning, r.text());
            } else if (part instanceof Part.Text t && t.text() != null) {
                text.append(t.text());
            }
        }
        ThinkSplit split = splitThinking(text.toString());
        appendParagraph(reasoning, split.thinking());
        String reply = split.visible().strip();
        if (isSilentReply(reply)) {
            return Delivery.SILENT;
        }
        String reasoningMessage = display == ReasoningDisplay.ON && !reasoning.toString().isBlank()
                ? formatReasoning(reasoning.toString())
                : null;
        return new Delivery(reasoningMessage, reply.isEmpty() ? null : reply);
    }

    /** The reasoning message as shown with {@link ReasoningDisplay#ON}. */
    public static String formatReasoning(String reasoning) {
        return "Reasoning:\n" + reasoning.strip();
    }

    public static boolean isSilentReply(String text) {
        return text != null && text.strip().equalsIgnoreCase(SILENT_TOKEN);
    }

    /**
     * True while a streamed reply could still turn out to be {@code NO_REPLY}, so a streaming channel should
     * hold it back: blank so far, a prefix of the token, or starting with it.
     */
    public static boolean mayBecomeSilentReply(String partial) {
        String t = partial == null ? "" : partial.stripLeading().toUpperCase(Locale.ROOT);
        return t.isEmpty() || SILENT_TOKEN.startsWith(t.strip()) || t.startsWith(SILENT_TOKEN);
    }

    /** Text outside think blocks, and the text inside them. */
    public record ThinkSplit(String visible, String thinking) {}

    /**
     * Separates {@code <think>}/{@code <thinking>} blocks from text. An unclosed block runs to the end (the
     * model was cut off while thinking). A closing tag with no opening one means the chat template opened the
     * block in the prompt, so everything before it is thinking.
     */
    public static ThinkSplit splitThinking(String text) {
        StringBuilder visible = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        Matcher m = THINK_TAG.matcher(text);
        int pos = 0;
        boolean inside = false;
        boolean sawOpening = false;
        while (m.find()) {
            boolean closing = !m.group(1).isEmpty();
            String between = text.substring(pos, m.start());
            if (closing && !inside && !sawOpening && visible.isEmpty()) {
                appendParagraph(thinking, between); // template-opened block
            } else if (inside) {
                appendParagraph(thinking, between);
            } else {
                visible.append(between);
            }
            if (!closing) {
                sawOpening = true;
            }
            inside = !closing;
            pos = m.end();
        }
        String rest = text.substring(pos);
        if (inside) {
            appendParagraph(thinking, rest);
        } else {
            visible.append(rest);
        }
        return new ThinkSplit(visible.toString(), thinking.toString());
    }

    private static void appendParagraph(StringBuilder sb, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        if (!sb.isEmpty()) {
            sb.append("\n\n");
        }
        sb.append(text.strip());
    }
}
