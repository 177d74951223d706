package dev.clawgate.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatResponseTest {

    private static EventStream of(StreamEvent... events) {
        ArrayDeque<StreamEvent> queue = new ArrayDeque<>(List.of(events));
        return new EventStream() {
            @Override
            public StreamEvent next() {
                return queue.poll();
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void assemblesTextReasoningAndInterleavedToolCalls() {
        ChatResponse r = ChatResponse.collect(of(
                new StreamEvent.Start("r1", "m"),
                new StreamEvent.ReasoningDelta("think"),
                new StreamEvent.TextDelta("Hel"),
                new StreamEvent.TextDelta("lo"),
                new StreamEvent.ToolCallStart(1, "c2", "b"),
                new StreamEvent.ToolCallStart(0, "c1", "a"),
                new StreamEvent.ToolCallDelta(0, "{\"x\":"),
                new StreamEvent.ToolCallDelta(1, "{}"),
                new StreamEvent.ToolCallDelta(0, "1}"),
                new StreamEvent.UsageReport(new Usage(3, 4, 0, 0, 1, false)),
                new StreamEvent.Stop(StopReason.TOOL_USE)));

        assertThat(r.text()).isEqualTo("Hello");
        assertThat(r.reasoning()).isEqualTo("think");
        assertThat(r.toolCalls()).containsExactly(
                new Part.ToolCall("c1", "a", "{\"x\":1}"), new Part.ToolCall("c2", "b", "{}"));
        assertThat(r.usage().totalTokens()).isEqualTo(7);
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(r.toMessage().parts()).first().isInstanceOf(Part.Reasoning.class);
    }

    @Test
    void errorEventSurfacesAsClassifiedException() {
        assertThatThrownBy(() -> ChatResponse.collect(of(new StreamEvent.Start(null, null),
                new StreamEvent.Error(FailureClass.STREAM_INTERRUPTED, "upstream closed the stream"))))
                .isInstanceOf(UpstreamException.class)
                .hasMessage("upstream closed the stream")
                .extracting(e -> ((UpstreamException) e).failure()).isEqualTo(FailureClass.STREAM_INTERRUPTED);
    }
}
