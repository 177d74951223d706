package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StreamingReplyFilterTest {

    /** Feeds the deltas and returns {text, reasoning} as shown over the whole stream. */
    private static String[] stream(ReasoningDisplay display, List<String> deltas) {
        StreamingReplyFilter filter = new StreamingReplyFilter(display);
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        for (String d : deltas) {
            StreamingReplyFilter.Chunk c = filter.accept(d);
            text.append(c.text());
            reasoning.append(c.reasoning());
        }
        StreamingReplyFilter.Chunk last = filter.finish();
        text.append(last.text());
        reasoning.append(last.reasoning());
        return new String[] {text.toString(), reasoning.toString()};
    }

    @Test
    void cutsThinkBlocksSplitAcrossDeltas() {
        List<String> deltas = List.of("<th", "ink>plan", "ning</thi", "nk>\n\nHel", "lo <", "b>world</b>");
        assertThat(stream(ReasoningDisplay.OFF, deltas)).containsExactly("Hello <b>world</b>", "");
        assertThat(stream(ReasoningDisplay.STREAM, deltas)).containsExactly("Hello <b>world</b>", "planning");
        assertThat(stream(ReasoningDisplay.ON, deltas)).containsExactly("Hello <b>world</b>", "");
    }

    @Test
    void releasesTextAsSoonAsItIsSafe() {
        StreamingReplyFilter filter = new StreamingReplyFilter(ReasoningDisplay.OFF);
        assertThat(filter.accept("N").text()).isEmpty(); // could still become NO_REPLY
        assertThat(filter.accept("i").text()).isEqualTo("Ni"); // cannot any more
        assertThat(filter.accept(" there <t").text()).isEqualTo(" there ");
        assertThat(filter.accept("able>").text()).isEqualTo("<table>");
        assertThat(filter.finish().text()).isEmpty();
    }

    @Test
    void aPlainReplyPassesThroughUnchanged() {
        assertThat(stream(ReasoningDisplay.STREAM, List.of("Hello", ", ", "world", "!"))).containsExactly("Hello, world!", "");
    }

    @Test
    void holdsBackAndSuppressesNoReply() {
        assertThat(stream(ReasoningDisplay.OFF, List.of("NO", "_RE", "PLY"))).containsExactly("", "");
        assertThat(stream(ReasoningDisplay.OFF, List.of("<think>x</think>", " NO_REPLY\n"))).containsExactly("", "");
        assertThat(stream(ReasoningDisplay.OFF, List.of("NO", "_REPLY and more"))).containsExactly("NO_REPLY and more", "");
        assertThat(stream(ReasoningDisplay.OFF, List.of("NOT", " now"))).containsExactly("NOT now", "");
    }

    @Test
    void anUnclosedBlockAtTheEndIsReasoning() {
        assertThat(stream(ReasoningDisplay.STREAM, List.of("Answer. <think>but wait"))).containsExactly("Answer. ", "but wait");
        assertThat(stream(ReasoningDisplay.OFF, List.of("a <thi"))).containsExactly("a <thi", "");
    }
}
