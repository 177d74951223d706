package dev.clawgate.agent;

import java.util.Locale;
import java.util.regex.Matcher;

/**
 * The streaming counterpart of {@link DeliveryFilter} for one reply: text deltas go in, text safe to show
 * comes out. Think blocks are cut out even when a tag is split across deltas (a possible partial tag at
 * the end is held back until the next delta decides it), and a reply that starts like {@code NO_REPLY} is
 * held back until it is clear whether it is exactly that. Reasoning comes out separately, and only with
 * {@link ReasoningDisplay#STREAM}. Not thread-safe: one stream, one consumer.
 */
public final class StreamingReplyFilter {

    /** What to show now: {@code text} for the reply, {@code reasoning} for a live reasoning preview. */
    public record Chunk(String text, String reasoning) {
        public static final Chunk EMPTY = new Chunk("", "");

        public boolean isEmpty() {
            return text.isEmpty() && reasoning.isEmpty();
        }
    }

    private static final int LONGEST_TAG = 16; // "< / thinking >" with some spaces

    private final boolean streamReasoning;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder heldReply = new StringBuilder();
    private boolean insideThink;
    private boolean replyDecided;

    public StreamingReplyFilter(ReasoningDisplay display) {
        this.streamReasoning = display == ReasoningDisplay.STREAM;
    }

    public Chunk accept(String delta) {
        pending.append(delta);
        return drain(false);
    }

    /** The end of the reply: releases whatever was held back, unless the reply was {@code NO_REPLY}. */
    public Chunk finish() {
        Chunk last = drain(true);
        String held = heldReply.toString();
        heldReply.setLength(0);
        if (!replyDecided && DeliveryFilter.isSilentReply(held)) {
            return new Chunk("", last.reasoning());
        }
        replyDecided = true;
        return new Chunk(last.text() + held.stripLeading(), last.reasoning());
    }

    private Chunk drain(boolean atEnd) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        while (true) {
            Matcher m = DeliveryFilter.THINK_TAG.matcher(pending);
            if (m.find()) {
                String before = pending.substring(0, m.start());
                (insideThink ? reasoning : text).append(before);
                insideThink = m.group(1).isEmpty(); // an opening tag starts a block, a closing one ends it
                pending.delete(0, m.end());
                continue;
            }
            int keep = atEnd ? pending.length() : possibleTagStart();
            (insideThink ? reasoning : text).append(pending, 0, keep);
            pending.delete(0, keep);
            break;
        }
        return new Chunk(gateSilentReply(text.toString()), streamReasoning ? reasoning.toString() : "");
    }

    /** Where a tag might begin at the end of {@code pending}; everything before it can be released. */
    private int possibleTagStart() {
        int lt = pending.lastIndexOf("<");
        if (lt < 0 || pending.indexOf(">", lt) >= 0 || pending.length() - lt > LONGEST_TAG) {
            return pending.length();
        }
        String tail = pending.substring(lt + 1).replace(" ", "").replace("/", "").toLowerCase(Locale.ROOT);
        return "thinking".startsWith(tail) ? lt : pending.length();
    }

    private String gateSilentReply(String text) {
        if (replyDecided) {
            return text;
        }
        heldReply.append(text);
        if (DeliveryFilter.mayBecomeSilentReply(heldReply.toString())) {
            return "";
        }
        replyDecided = true;
        String released = heldReply.toString().stripLeading(); // blank lines left over from a think block
        heldReply.setLength(0);
        return released;
    }
}
