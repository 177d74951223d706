package dev.clawgate.upstream.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.codec.ResponseFormat;
import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.wire.ChatRequest;

/** {@code openai-responses}: {@code POST {baseUrl}/responses}, SSE, Bearer auth. */
public final class ResponsesAdapter extends OpenAiSseAdapter {

    public static final String API = ResponsesStreamDecoder.API;

    static final ResponseFormat FORMAT = ResponseFormat.sse(API, ResponsesStreamDecoder::new,
            new ResponsesResponseDecoder());

    private final ResponsesRequestEncoder encoder = new ResponsesRequestEncoder();

    public ResponsesAdapter(HttpTransport transport) {
        super(transport, FORMAT, "/responses");
    }

    @Override
    protected ObjectNode encode(ChatRequest request, ModelSpec model) {
        return encoder.encode(request, model);
    }
}
