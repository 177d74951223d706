package dev.clawgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.Usage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstimatedUsageStreamTest {

    private static UpstreamAdapter scripted(StreamEvent... events) {
        return new UpstreamAdapter() {
            @Override
            public String api() {
                return "openai-completions";
            }

            @Override
            public EventStream open(ChatRequest request, dev.clawgate.catalog.ModelSpec model, CallOptions options) {
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
        };
    }

    private static List<StreamEvent> drain(EventStream s) {
        List<StreamEvent> out = new ArrayList<>();
        for (StreamEvent e = s.next(); e != null; e = s.next()) {
            out.add(e);
        }
        return out;
    }

    @Test
    void upstreamWithoutUsageGetsAnEstimateJustBeforeTheStop() {
        UpstreamAdapter adapter = new UpstreamAdapters(List.of(scripted(new StreamEvent.Start("1", "m"),
                new StreamEvent.TextDelta("Hello there, "), new StreamEvent.TextDelta("how are you today?"),
                new StreamEvent.Stop(StopReason.STOP)))).forApi("openai-completions");

        List<StreamEvent> events = drain(adapter.open(ChatRequest.ofUserText("m", "Say hello to me politely."), null,
                CallOptions.DEFAULT));

        assertThat(events).hasSize(5);
        assertThat(events.get(3)).isInstanceOf(StreamEvent.UsageReport.class);
        assertThat(events.get(4)).isEqualTo(new StreamEvent.Stop(StopReason.STOP));
        Usage usage = ((StreamEvent.UsageReport) events.get(3)).usage();
        assertThat(usage.estimated()).isTrue();
        assertThat(usage.outputTokens()).isBetween(5L, 15L);
        assertThat(usage.inputTokens()).isBetween(5L, 30L);
    }

    @Test
    void upstreamUsageIsPassedThroughUntouched() {
        Usage reported = new Usage(11, 7, 0, 0, 0, false);
        UpstreamAdapter adapter = new UpstreamAdapters(List.of(scripted(new StreamEvent.TextDelta("hi"),
                new StreamEvent.UsageReport(reported), new StreamEvent.Stop(StopReason.STOP))))
                .forApi("openai-completions");

        ChatResponse r = ChatResponse.collect(adapter.open(ChatRequest.ofUserText("m", "x"), null, CallOptions.DEFAULT));

        assertThat(r.usage()).isEqualTo(reported);
    }
}
