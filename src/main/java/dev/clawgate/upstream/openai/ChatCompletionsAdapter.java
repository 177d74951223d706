package dev.clawgate.upstream.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.codec.ResponseFormat;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.wire.ChatRequest;

/** {@code openai-completions}: {@code POST {baseUrl}/chat/completions}, SSE, Bearer auth. */
public final class ChatCompletionsAdapter extends OpenAiSseAdapter {

    public static final String API = ChatCompletionsStreamDecoder.API;

    static final ResponseFormat FORMAT = ResponseFormat.sse(API, ChatCompletionsStreamDecoder::new,
            new ChatCompletionsResponseDecoder());

    private final ChatCompletionsRequestEncoder encoder = new ChatCompletionsRequestEncoder();

    public ChatCompletionsAdapter(HttpTransport transport) {
        super(transport, FORMAT, "/chat/completions");
    }

    @Override
    protected ObjectNode encode(ChatRequest request, ModelSpec model) {
        return encoder.encode(request, model);
    }
}
