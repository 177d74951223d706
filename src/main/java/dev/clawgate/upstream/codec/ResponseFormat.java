package dev.clawgate.upstream.codec;

import dev.clawgate.upstream.transport.NdjsonReader;
import dev.clawgate.upstream.transport.SseEvent;
import dev.clawgate.upstream.transport.SseReader;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * How one API's response bodies are read: its framing (SSE or NDJSON), a fresh stream decoder per call,
 * and, for SSE APIs, the decoder for a complete JSON answer.
 */
public final class ResponseFormat {

    private final String api;
    private final Supplier<SseDecoder> sseDecoders;
    private final Supplier<NdjsonDecoder> ndjsonDecoders;
    private final WholeResponseDecoder wholeDecoder;

    private ResponseFormat(String api, Supplier<SseDecoder> sse, Supplier<NdjsonDecoder> ndjson,
            WholeResponseDecoder whole) {
        this.api = api;
        this.sseDecoders = sse;
        this.ndjsonDecoders = ndjson;
        this.wholeDecoder = whole;
    }

    public static ResponseFormat sse(String api, Supplier<SseDecoder> decoders, WholeResponseDecoder whole) {
        return new ResponseFormat(api, decoders, null, whole);
    }

    /** NDJSON: a complete answer is one line of the same shape, so the stream decoder reads both. */
    public static ResponseFormat ndjson(String api, Supplier<NdjsonDecoder> decoders) {
        return new ResponseFormat(api, null, decoders, null);
    }

    public String api() {
        return api;
    }

    /** True when a body starting with '{' is a complete JSON answer rather than the stream itself. */
    public boolean acceptsWholeJson() {
        return wholeDecoder != null;
    }

    public WholeResponseDecoder wholeDecoder() {
        return wholeDecoder;
    }

    /**
     * A feeder reading frames from {@code body} into a fresh decoder. It is called until it returns false (then
     * never again), which is when the reader's pooled buffer is given back.
     */
    public FrameFeeder stream(InputStream body) {
        if (sseDecoders != null) {
            SseReader reader = new SseReader(body);
            SseDecoder decoder = sseDecoders.get();
            return out -> {
                if (decoder.isComplete()) {
                    reader.done();
                    return false;
                }
                SseEvent event = reader.next();
                if (event == null) {
                    reader.done();
                    decoder.finish(out);
                    return false;
                }
                decoder.decode(event, out);
                return true;
            };
        }
        NdjsonReader reader = new NdjsonReader(body);
        NdjsonDecoder decoder = ndjsonDecoders.get();
        return out -> {
            if (decoder.isComplete()) {
                reader.done();
                return false;
            }
            String line = reader.next();
            if (line == null) {
                reader.done();
                decoder.finish(out);
                return false;
            }
            decoder.decode(line, out);
            return true;
        };
    }
}
