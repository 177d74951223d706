package dev.clawgate.upstream.openai;

import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.upstream.codec.Endpoints;
import dev.clawgate.upstream.codec.JsonPostAdapter;
import dev.clawgate.upstream.codec.ResponseFormat;
import dev.clawgate.upstream.transport.HttpTransport;
import java.net.URI;
import java.util.Map;

/** The two OpenAI APIs share everything but the path and the body: Bearer auth and SSE under {@code baseUrl}. */
abstract class OpenAiSseAdapter extends JsonPostAdapter {

    private final String path;

    OpenAiSseAdapter(HttpTransport transport, ResponseFormat format, String path) {
        super(transport, format);
        this.path = path;
    }

    @Override
    protected final URI endpoint(ProviderSpec provider) {
        return Endpoints.uri(provider, path);
    }

    @Override
    protected final Map<String, String> headers(ProviderSpec provider) {
        return Endpoints.bearerHeaders(provider, "text/event-stream");
    }
}
