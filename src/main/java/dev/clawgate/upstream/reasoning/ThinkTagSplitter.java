package dev.clawgate.upstream.reasoning;

import dev.clawgate.wire.StreamEvent;
import java.util.function.Consumer;

/**
 * Splits {@code <think>...</think>} (or {@code <thinking>...</thinking>}) reasoning out of streamed
 * answer text. Many local chat templates, vLLM without a reasoning parser and llama.cpp with
 * {@code --reasoning-format none} put reasoning inline in the content; it must never reach the user as
 * answer text.
 *
 * <p>Streaming-safe: a tag may be cut across chunks ({@code "<thi" + "nk>"}), so only a trailing piece
 * that could still become a tag is held back, and only until the next chunk or {@link #finish}. Ordinary
 * text is passed on as soon as it arrives. Whitespace right after a tag (the blank line templates put
 * between reasoning and answer) is dropped. A stray closing tag outside a block (templates that open the
 * block in the prompt) is removed. An unclosed block at the end stays reasoning.
 *
 * <p>One instance per stream; not thread-safe.
 */
public final class ThinkTagSplitter {

    private static final String[] OPEN_TAGS = {"<think>", "<thinking>"};
    private static final String[] CLOSE_TAGS = {"</think>", "</thinking>"};

    /** The closing tag we wait for while inside a block, else null. */
    private String closeTag;
    /** A trailing piece that may be the start of a tag. */
    private String held = "";
    private boolean dropLeadingWhitespace;

    /** Takes one content chunk, emitting {@link StreamEvent.TextDelta}s and {@link StreamEvent.ReasoningDelta}s. */
    public void accept(String chunk, Consumer<StreamEvent> out) {
        if (chunk == null || chunk.isEmpty()) {
            return;
        }
        String s = held.isEmpty() ? chunk : held + chunk;
        held = "";
        int i = 0;
        while (i < s.length()) {
            int lt = s.indexOf('<', i);
            if (lt < 0) {
                emit(s.substring(i), out);
                return;
            }
            if (lt > i) {
                emit(s.substring(i, lt), out);
            }
            String tag = tagAt(s, lt);
            if (tag != null) {
                onTag(tag);
                i = lt + tag.length();
            } else if (couldBecomeTag(s, lt)) {
                held = s.substring(lt);
                return;
            } else {
                emit("<", out);
                i = lt + 1;
            }
        }
    }

    /** The stream ended: emits a held-back piece as whatever it is inside (reasoning in an unclosed block). */
    public void finish(Consumer<StreamEvent> out) {
        if (!held.isEmpty()) {
            String rest = held;
            held = "";
            emit(rest, out);
        }
    }

    /** True while inside an unclosed reasoning block. */
    public boolean insideReasoning() {
        return closeTag != null;
    }

    private String tagAt(String s, int at) {
        if (closeTag != null) {
            return s.startsWith(closeTag, at) ? closeTag : null;
        }
        for (String tag : OPEN_TAGS) {
            if (s.startsWith(tag, at)) {
                return tag;
            }
        }
        for (String tag : CLOSE_TAGS) {
            if (s.startsWith(tag, at)) {
                return tag;
            }
        }
        return null;
    }

    private boolean couldBecomeTag(String s, int at) {
        String rest = s.substring(at);
        if (closeTag != null) {
            return rest.length() < closeTag.length() && closeTag.startsWith(rest);
        }
        for (String[] tags : new String[][] {OPEN_TAGS, CLOSE_TAGS}) {
            for (String tag : tags) {
                if (rest.length() < tag.length() && tag.startsWith(rest)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void onTag(String tag) {
        if (closeTag != null) {
            closeTag = null; // our closing tag: back to answer text
        } else if (tag.startsWith("</")) {
            // stray closing tag: the template opened the block in the prompt; drop the tag itself
        } else {
            closeTag = "</" + tag.substring(1);
        }
        dropLeadingWhitespace = true;
    }

    private void emit(String text, Consumer<StreamEvent> out) {
        String piece = text;
        if (dropLeadingWhitespace) {
            piece = piece.stripLeading();
            if (piece.isEmpty()) {
                return;
            }
            dropLeadingWhitespace = false;
        }
        out.accept(closeTag != null ? new StreamEvent.ReasoningDelta(piece) : new StreamEvent.TextDelta(piece));
    }
}
