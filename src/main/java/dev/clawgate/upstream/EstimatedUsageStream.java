package dev.clawgate.upstream;

import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.Usage;

/**
 * Guarantees a usage report: many local servers send none (no {@code stream_options.include_usage}, older
 * builds), and cost, budgets and {@code /status} need numbers. When the upstream stops without having
 * reported usage, this counts the prompt and the output with a real tokenizer and reports that, marked
 * {@link dev.clawgate.wire.Usage#estimated() estimated}, just before the stop.
 */
final class EstimatedUsageStream implements EventStream {

    private final ChatRequest request;
    private final EventStream upstream;
    private final TokenEstimator.Counter output = TokenEstimator.shared().counter(); // bounded, whatever the length
    private boolean usageSeen;
    private StreamEvent held;

    EstimatedUsageStream(ChatRequest request, EventStream upstream) {
        this.request = request;
        this.upstream = upstream;
    }

    @Override
    public StreamEvent next() {
        if (held != null) {
            StreamEvent e = held;
            held = null;
            return e;
        }
        StreamEvent e = upstream.next();
        switch (e) {
            case null -> { }
            case StreamEvent.TextDelta t -> output.append(t.text());
            case StreamEvent.ReasoningDelta r -> output.append(r.text());
            case StreamEvent.ToolCallStart s -> output.append(s.name());
            case StreamEvent.ToolCallDelta d -> output.append(d.argumentsFragment());
            case StreamEvent.UsageReport u -> usageSeen = true;
            case StreamEvent.Stop s when !usageSeen -> {
                usageSeen = true;
                held = s;
                return new StreamEvent.UsageReport(new Usage(TokenEstimator.shared().estimatePromptTokens(request),
                        output.tokens(), 0, 0, 0, true));
            }
            default -> { }
        }
        return e;
    }

    @Override
    public void close() {
        upstream.close();
    }

    /** Wraps an adapter so that every stream it opens reports usage. */
    static UpstreamAdapter wrap(UpstreamAdapter adapter) {
        return new UpstreamAdapter() {
            @Override
            public String api() {
                return adapter.api();
            }

            @Override
            public EventStream open(ChatRequest request, dev.clawgate.catalog.ModelSpec model, CallOptions options) {
                return new EstimatedUsageStream(request, adapter.open(request, model, options));
            }
        };
    }
}
