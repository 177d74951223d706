package dev.clawgate.upstream;

import dev.clawgate.upstream.anthropic.AnthropicMessagesAdapter;
import dev.clawgate.upstream.google.GeminiAdapter;
import dev.clawgate.upstream.ollama.OllamaChatAdapter;
import dev.clawgate.upstream.openai.ChatCompletionsAdapter;
import dev.clawgate.upstream.openai.ResponsesAdapter;
import dev.clawgate.upstream.transport.HttpTransport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The adapters by {@code api} value, all sharing one transport (one connection pool). */
public final class UpstreamAdapters {

    private final Map<String, UpstreamAdapter> byApi = new LinkedHashMap<>();

    public UpstreamAdapters(HttpTransport transport) {
        this(builtIn(transport));
    }

    /** The five built-in adapters as they are, without the usage estimate the registry adds. */
    public static List<UpstreamAdapter> builtIn(HttpTransport transport) {
        return List.of(new ResponsesAdapter(transport), new ChatCompletionsAdapter(transport),
                new AnthropicMessagesAdapter(transport), new OllamaChatAdapter(transport),
                new GeminiAdapter(transport));
    }

    /**
     * A registry of the given adapters (tests, or an extra adapter next to the built-in ones). Every stream
     * they open reports usage: the upstream's own, or an estimate when it sends none.
     */
    public UpstreamAdapters(List<UpstreamAdapter> adapters) {
        for (UpstreamAdapter adapter : adapters) {
            if (byApi.putIfAbsent(adapter.api(), EstimatedUsageStream.wrap(adapter)) != null) {
                throw new IllegalArgumentException("two adapters for api '" + adapter.api() + "'");
            }
        }
    }

    /**
     * The adapter for {@code api}.
     *
     * @throws UnsupportedApiException when no adapter serves it
     */
    public UpstreamAdapter forApi(String api) {
        UpstreamAdapter adapter = byApi.get(api);
        if (adapter == null) {
            throw new UnsupportedApiException(api, byApi.keySet());
        }
        return adapter;
    }

    public boolean supports(String api) {
        return byApi.containsKey(api);
    }

    public Set<String> apis() {
        return Set.copyOf(byApi.keySet());
    }

    /** A model's {@code api} that no adapter serves: a configuration error, reported with the choices. */
    public static final class UnsupportedApiException extends IllegalArgumentException {
        private final String api;

        public UnsupportedApiException(String api, Set<String> supported) {
            super("No upstream adapter for api '" + api + "'; supported: " + String.join(", ", supported));
            this.api = api;
        }

        public String api() {
            return api;
        }
    }
}
