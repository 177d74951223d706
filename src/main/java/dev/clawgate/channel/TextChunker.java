package dev.clawgate.channel;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a reply into messages of at most {@code limit} characters: at a paragraph break, else a line break,
 * else a space (in {@code newline} mode paragraph breaks are preferred over fuller chunks). A cut that would
 * fall inside a fenced code block moves before the block when that leaves a useful chunk; otherwise the
 * fence is closed at the end of the chunk and reopened at the start of the next, so each message renders.
 */
public final class TextChunker {

    private static final String FENCE = "```";

    private TextChunker() {}

    public static List<String> split(String text, int limit, boolean newlineMode) {
        if (limit < 16) {
            throw new IllegalArgumentException("chunk limit too small: " + limit);
        }
        List<String> chunks = new ArrayList<>();
        String rest = text.strip();
        String reopen = null;
        while (!rest.isEmpty()) {
            if (reopen != null) {
                rest = reopen + "\n" + rest;
            }
            reopen = null;
            if (rest.length() <= limit) {
                chunks.add(rest);
                break;
            }
            int cut = cutPoint(rest, limit, newlineMode);
            String fenceOpen = openFence(rest, cut);
            if (fenceOpen != null) {
                int blockStart = rest.lastIndexOf(FENCE, cut);
                if (blockStart > limit / 4 && !rest.substring(0, blockStart).isBlank()
                        && openFence(rest, blockStart) == null) {
                    cut = blockStart;
                    fenceOpen = null;
                } else {
                    cut = cutPoint(rest, limit - FENCE.length() - 1, newlineMode);
                    fenceOpen = openFence(rest, cut);
                }
            }
            String chunk = rest.substring(0, cut).stripTrailing();
            if (fenceOpen != null) {
                chunk = chunk + "\n" + FENCE;
                reopen = fenceOpen;
            }
            chunks.add(chunk);
            rest = rest.substring(cut).stripLeading();
        }
        return chunks;
    }

    private static int cutPoint(String s, int limit, boolean newlineMode) {
        int min = newlineMode ? 1 : limit / 2;
        int paragraph = s.lastIndexOf("\n\n", limit);
        if (paragraph >= min) {
            return paragraph;
        }
        int line = s.lastIndexOf('\n', limit);
        if (line >= min) {
            return line;
        }
        int space = s.lastIndexOf(' ', limit);
        if (space >= limit / 2) {
            return space;
        }
        return limit;
    }

    /** The opening fence line ({@code ```java}) when position {@code at} lies inside a code block, else null. */
    private static String openFence(String s, int at) {
        String open = null;
        int i = 0;
        while (true) {
            int f = s.indexOf(FENCE, i);
            if (f < 0 || f >= at) {
                return open;
            }
            if (open == null) {
                int eol = s.indexOf('\n', f);
                open = (eol < 0 ? s.substring(f) : s.substring(f, eol)).strip();
            } else {
                open = null;
            }
            i = f + FENCE.length();
        }
    }
}
