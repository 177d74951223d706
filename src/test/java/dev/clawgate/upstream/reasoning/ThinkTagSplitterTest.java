package dev.clawgate.upstream.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.wire.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ThinkTagSplitterTest {

    /** Text and reasoning joined separately, with the splitter fed the given chunks. */
    private record Split(String reasoning, String text, List<StreamEvent> events) {}

    private static Split split(String... chunks) {
        ThinkTagSplitter splitter = new ThinkTagSplitter();
        List<StreamEvent> events = new ArrayList<>();
        for (String c : chunks) {
            splitter.accept(c, events::add);
        }
        splitter.finish(events::add);
        StringBuilder r = new StringBuilder();
        StringBuilder t = new StringBuilder();
        for (StreamEvent e : events) {
            if (e instanceof StreamEvent.ReasoningDelta d) {
                r.append(d.text());
            } else if (e instanceof StreamEvent.TextDelta d) {
                t.append(d.text());
            }
        }
        return new Split(r.toString(), t.toString(), events);
    }

    @Test
    void separatesAWholeBlockFromTheAnswer() {
        Split s = split("<think>\nCheck units.\n</think>\n\nIt is 18 °C.");
        assertThat(s.reasoning()).isEqualTo("Check units.\n");
        assertThat(s.text()).isEqualTo("It is 18 °C.");
    }

    @Test
    void everySplitPositionGivesTheSameResult() {
        String whole = "Intro <think>plan A</think> middle <thinking>plan B</thinking> end";
        for (int i = 0; i <= whole.length(); i++) {
            for (int j = i; j <= whole.length(); j += 3) {
                Split s = split(whole.substring(0, i), whole.substring(i, j), whole.substring(j));
                assertThat(s.reasoning()).as("cut at %d,%d", i, j).isEqualTo("plan Aplan B");
                assertThat(s.text()).as("cut at %d,%d", i, j).isEqualTo("Intro middle end");
            }
        }
    }

    @Test
    void tagCutAcrossChunksIsRecognised() {
        Split s = split("<thi", "nk>reason", "ing</th", "ink>answer");
        assertThat(s.reasoning()).isEqualTo("reasoning");
        assertThat(s.text()).isEqualTo("answer");
    }

    @Test
    void ordinaryTextIsNotHeldBack() {
        ThinkTagSplitter splitter = new ThinkTagSplitter();
        List<StreamEvent> events = new ArrayList<>();
        splitter.accept("a < b and x<y", events::add);
        assertThat(events).containsExactly(new StreamEvent.TextDelta("a "), new StreamEvent.TextDelta("<"),
                new StreamEvent.TextDelta(" b and x"), new StreamEvent.TextDelta("<"), new StreamEvent.TextDelta("y"));
        events.clear();
        splitter.accept("see <b>bold</b> and <th", events::add); // only "<th" could still be a tag
        assertThat(String.join("", events.stream().map(e -> ((StreamEvent.TextDelta) e).text()).toList()))
                .isEqualTo("see <b>bold</b> and ");
        splitter.accept("e end", events::add);
        splitter.finish(events::add);
        assertThat(String.join("", events.stream().map(e -> ((StreamEvent.TextDelta) e).text()).toList()))
                .isEqualTo("see <b>bold</b> and <the end");
    }

    @Test
    void unclosedBlockAtEndStaysReasoningAndIsFlushed() {
        Split s = split("Sure. <think>still thinking about it</thi");
        assertThat(s.text()).isEqualTo("Sure. ");
        assertThat(s.reasoning()).isEqualTo("still thinking about it</thi");
    }

    @Test
    void strayClosingTagFromAPromptOpenedBlockIsDropped() {
        Split s = split("</think>\n\nHello");
        assertThat(s.text()).isEqualTo("Hello");
        assertThat(s.reasoning()).isEmpty();
    }

    @Test
    void thinkingTagNeedsItsOwnClosingTag() {
        Split s = split("<thinking>a </think> b</thinking>c");
        assertThat(s.reasoning()).isEqualTo("a </think> b");
        assertThat(s.text()).isEqualTo("c");
    }

    @Test
    void plainTextPassesThroughUntouched() {
        Split s = split("Hello", ", world", "!");
        assertThat(s.events()).containsExactly(new StreamEvent.TextDelta("Hello"), new StreamEvent.TextDelta(", world"),
                new StreamEvent.TextDelta("!"));
    }
}
