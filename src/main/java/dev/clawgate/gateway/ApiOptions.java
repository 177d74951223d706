package dev.clawgate.gateway;

import dev.clawgate.config.GatewayConfig;
import java.util.List;

/**
 * How the inbound APIs present answers to clients.
 *
 * @param reasoning whether model reasoning reaches API clients in each API's own reasoning channel
 *     ({@code gateway.reasoning})
 * @param corsAllowedOrigins browser origins allowed to call the gateway ({@code gateway.http.cors.allowedOrigins});
 *     empty for none, {@code "*"} for any origin (never combined with credentials)
 */
public record ApiOptions(Reasoning reasoning, List<String> corsAllowedOrigins) {

    /** {@code separate}: Chat Completions {@code reasoning_content}, Responses reasoning items, Anthropic thinking; {@code drop}: never. */
    public enum Reasoning { SEPARATE, DROP }

    public static final ApiOptions DEFAULT = new ApiOptions(Reasoning.SEPARATE, List.of());

    public ApiOptions {
        reasoning = reasoning != null ? reasoning : Reasoning.SEPARATE;
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
    }

    public static ApiOptions from(GatewayConfig.Api api) {
        return new ApiOptions("drop".equals(api.reasoning()) ? Reasoning.DROP : Reasoning.SEPARATE,
                api.corsAllowedOrigins());
    }
}
