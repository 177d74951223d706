package dev.clawgate.upstream.anthropic;

import dev.clawgate.catalog.ProviderSpec;
import java.net.URI;
import java.util.Map;

/** Test access to the adapter's package-private header and URI rules. */
public final class AnthropicHeadersAccess {

    private AnthropicHeadersAccess() {}

    public static Map<String, String> headers(ProviderSpec provider) {
        return AnthropicMessagesAdapter.anthropicHeaders(provider);
    }

    public static URI uri(ProviderSpec provider) {
        return AnthropicMessagesAdapter.messagesUri(provider);
    }
}
