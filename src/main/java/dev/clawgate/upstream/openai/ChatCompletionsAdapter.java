package dev.clawgate.upstream.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.upstream.codec.Endpoints;
import dev.clawgate.upstream.codec.JsonPostAdapter;
import dev.clawgate.upstream.codec.ResponseFormat;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.wire.ChatRequest;
import java.net.URI;
import java.util.Map;

/** {@code openai-completions}: {@code POST {baseUrl}/chat/completions}, SSE, Bearer auth. */
public final class ChatCompletionsAdapter extends JsonPostAdapter {

    public static final String API = ChatCompletionsStreamDecoder.API;

    static final ResponseFormat FORMAT = ResponseFormat.sse(API, ChatCompletionsStreamDecoder::new,
            new ChatCompletionsResponseDecoder());

    private final ChatCompletionsRequestEncoder encoder = new ChatCompletionsRequestEncoder();

    public ChatCompletionsAdapter(HttpTransport transport) {
        super(transport, FORMAT);
    }

    @Override
    protected URI endpoint(ProviderSpec provider) {
        return Endpoints.uri(provider, "/chat/completions");
    }

    @Override
    protected Map<String, String> headers(ProviderSpec provider) {
        return Endpoints.bearerHeaders(provider, "text/event-stream");
    }

    @Override
    protected ObjectNode encode(ChatRequest request, ModelSpec model) {
        return encoder.encode(request, model);
    }
}
