package dev.clawgate.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.gateway.DecodedCall;
import dev.clawgate.gateway.InboundApi;
import dev.clawgate.gateway.ResponseMeta;
import dev.clawgate.gateway.SseSink;
import dev.clawgate.gateway.StreamEncoder;
import dev.clawgate.gateway.anthropic.MessagesApi;
import dev.clawgate.gateway.openai.ChatCompletionsApi;
import dev.clawgate.gateway.openai.ResponsesApi;
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
import java.io.OutputStream;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Format conversion per inbound/upstream pair, the whole streaming path minus the sockets: upstream body bytes
 * -> reader -> upstream decoder -> canonical events -> the inbound API's stream encoder -> {@link SseSink}
 * (into a discarding stream, flushed per event as the relay does). One op = one upstream event.
 * {@code inbound} is the API the client speaks; the method name is the upstream API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m"})
public class ConvertBench {

    @Param({"chat_completions", "responses", "messages"})
    public String inbound;

    private final byte[] chat = Streams.chat();
    private final byte[] responses = Streams.responses();
    private final byte[] anthropic = Streams.anthropic();
    private final byte[] ollama = Streams.ollama();
    private DecodedCall call;
    private ResponseMeta meta;

    @Setup
    public void setup() throws IOException {
        ObjectMapper json = new ObjectMapper();
        InboundApi api;
        String body;
        switch (inbound) {
            case "chat_completions" -> {
                api = new ChatCompletionsApi();
                body = "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            }
            case "responses" -> {
                api = new ResponsesApi();
                body = "{\"model\":\"m\",\"stream\":true,\"input\":\"hi\"}";
            }
            case "messages" -> {
                api = new MessagesApi();
                body = "{\"model\":\"m\",\"stream\":true,\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            }
            default -> throw new IllegalArgumentException(inbound);
        }
        call = api.decode(json.readTree(body));
        meta = new ResponseMeta("m", 1700000000L, "req_bench");
    }

    @Benchmark
    @OperationsPerInvocation(Streams.CHAT_EVENTS)
    public long fromChatCompletions() throws IOException {
        return sse(chat, ChatCompletionsStreamDecoder::new);
    }

    @Benchmark
    @OperationsPerInvocation(Streams.RESPONSES_EVENTS)
    public long fromResponses() throws IOException {
        return sse(responses, ResponsesStreamDecoder::new);
    }

    @Benchmark
    @OperationsPerInvocation(Streams.ANTHROPIC_EVENTS)
    public long fromAnthropic() throws IOException {
        return sse(anthropic, AnthropicStreamDecoder::new);
    }

    @Benchmark
    @OperationsPerInvocation(Streams.OLLAMA_LINES)
    public long fromOllama() throws IOException {
        StreamEncoder encoder = call.streamEncoder(meta);
        SseSink sink = new SseSink(OutputStream.nullOutputStream());
        NdjsonDecoder decoder = new OllamaStreamDecoder();
        Consumer<StreamEvent> out = e -> {
            encoder.onEvent(e, sink);
            sink.flush();
        };
        try (NdjsonReader reader = new NdjsonReader(new ByteArrayInputStream(ollama))) {
            String line;
            while ((line = reader.next()) != null) {
                decoder.decode(line, out);
            }
        }
        decoder.finish(out);
        encoder.onEnd(sink);
        return sink.bytesWritten();
    }

    private long sse(byte[] body, Supplier<SseDecoder> decoders) throws IOException {
        StreamEncoder encoder = call.streamEncoder(meta);
        SseSink sink = new SseSink(OutputStream.nullOutputStream());
        SseDecoder decoder = decoders.get();
        Consumer<StreamEvent> out = e -> {
            encoder.onEvent(e, sink);
            sink.flush();
        };
        try (SseReader reader = new SseReader(new ByteArrayInputStream(body))) {
            SseEvent event;
            while ((event = reader.next()) != null) {
                decoder.decode(event, out);
            }
        }
        decoder.finish(out);
        encoder.onEnd(sink);
        return sink.bytesWritten();
    }
}
