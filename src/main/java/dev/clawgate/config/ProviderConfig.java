package dev.clawgate.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One {@code models.providers.<id>} entry as written. Null means absent.
 *
 * @param unsetVariables {@code ${VAR}}s in this entry that were not set: the provider is unusable until they are
 * @param timeoutSeconds how long to wait for the first complete event (a cold local model may need minutes)
 * @param params provider-wide extras passed into request bodies ({@code keep_alive}, OpenRouter's
 *     {@code provider} routing object, {@code keepWarm}, ...)
 * @param idleTimeoutSeconds longest gap between two events of a response (Clawgate's own key; absent: the
 *     same as {@code timeoutSeconds})
 * @param region where the provider sends data ({@code "local"}, {@code "eu"}, {@code "us"}...); null: derived
 *     (the built-in provider's, else {@code local} for a loopback or LAN address, else unknown)
 */
public record ProviderConfig(String baseUrl, SecretRef apiKey, String api, Map<String, String> headers,
        Boolean authHeader, Integer timeoutSeconds, ObjectNode params, List<ModelConfig> models,
        Integer contextWindow, Integer contextTokens, Integer maxTokens, Integer idleTimeoutSeconds,
        List<String> unsetVariables, String region) {

    public ProviderConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        models = models == null ? List.of() : List.copyOf(models);
        unsetVariables = unsetVariables == null ? List.of() : List.copyOf(unsetVariables);
    }

    /** Without an idle timeout of its own (it then follows {@code timeoutSeconds}) and with every variable set. */
    public ProviderConfig(String baseUrl, SecretRef apiKey, String api, Map<String, String> headers,
            Boolean authHeader, Integer timeoutSeconds, ObjectNode params, List<ModelConfig> models,
            Integer contextWindow, Integer contextTokens, Integer maxTokens) {
        this(baseUrl, apiKey, api, headers, authHeader, timeoutSeconds, params, models, contextWindow, contextTokens,
                maxTokens, null, List.of(), null);
    }

    /** Without a region of its own (derived). */
    public ProviderConfig(String baseUrl, SecretRef apiKey, String api, Map<String, String> headers,
            Boolean authHeader, Integer timeoutSeconds, ObjectNode params, List<ModelConfig> models,
            Integer contextWindow, Integer contextTokens, Integer maxTokens, Integer idleTimeoutSeconds,
            List<String> unsetVariables) {
        this(baseUrl, apiKey, api, headers, authHeader, timeoutSeconds, params, models, contextWindow, contextTokens,
                maxTokens, idleTimeoutSeconds, unsetVariables, null);
    }
}
