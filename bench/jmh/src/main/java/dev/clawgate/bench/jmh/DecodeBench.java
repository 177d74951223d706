package dev.clawgate.bench.jmh;

import dev.clawgate.upstream.anthropic.AnthropicStreamDecoder;
import dev.clawgate.upstream.codec.NdjsonDecoder;
import dev.clawgate.upstream.codec.SseDecoder;
import dev.clawgate.upstream.ollama.OllamaStreamDecoder;
import dev.clawgate.upstream.openai.ChatCompletionsStreamDecoder;
import dev.clawgate.upstream.openai.ResponsesStreamDecoder;
import dev.clawgate.upstream.transport.NdjsonReader;
import dev.clawgate.upstream.transport.SseEvent;
import dev.clawgate.upstream.transport.SseReader;
import dev.clawgate.wire.StreamEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Upstream SSE / NDJSON decoding as a streamed call does it: {@link SseReader} (or {@link NdjsonReader}) over
 * the body bytes, then the API's decoder into canonical events. One op = one upstream event (frame), so the
 * score is events/s and {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m"})
public class DecodeBench {

    private final byte[] chat = Streams.chat();
    private final byte[] responses = Streams.responses();
    private final byte[] anthropic = Streams.anthropic();
    private final byte[] ollama = Streams.ollama();

    @Benchmark
    @OperationsPerInvocation(Streams.CHAT_EVENTS)
    public void chatCompletions(Blackhole bh) throws IOException {
        sse(chat, ChatCompletionsStreamDecoder::new, bh);
    }

    @Benchmark
    @OperationsPerInvocation(Streams.RESPONSES_EVENTS)
    public void responses(Blackhole bh) throws IOException {
        sse(responses, ResponsesStreamDecoder::new, bh);
    }

    @Benchmark
    @OperationsPerInvocation(Streams.ANTHROPIC_EVENTS)
    public void anthropicMessages(Blackhole bh) throws IOException {
        sse(anthropic, AnthropicStreamDecoder::new, bh);
    }

    @Benchmark
    @OperationsPerInvocation(Streams.OLLAMA_LINES)
    public void ollamaNdjson(Blackhole bh) throws IOException {
        NdjsonDecoder decoder = new OllamaStreamDecoder();
        Consumer<StreamEvent> out = bh::consume;
        try (NdjsonReader reader = new NdjsonReader(new ByteArrayInputStream(ollama))) {
            String line;
            while ((line = reader.next()) != null) {
                decoder.decode(line, out);
            }
            reader.done(); // as ResponseFormat does: the pooled buffer goes back
        }
        decoder.finish(out);
    }

    /** Reads and decodes a whole SSE body; also used by {@link ConvertBench}. */
    static void sse(byte[] body, Supplier<SseDecoder> decoders, Blackhole bh) throws IOException {
        SseDecoder decoder = decoders.get();
        Consumer<StreamEvent> out = bh::consume;
        try (SseReader reader = new SseReader(new ByteArrayInputStream(body))) {
            SseEvent event;
            while ((event = reader.next()) != null) {
                decoder.decode(event, out);
            }
            reader.done(); // as ResponseFormat does: the pooled buffers go back
        }
        decoder.finish(out);
    }
}
