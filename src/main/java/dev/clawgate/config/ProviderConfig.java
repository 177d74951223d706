package dev.clawgate.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One {@code models.providers.<id>} entry as written. Null means absent.
 *
 * @param unsetVariables {@code ${VAR}}s in this entry that were not set: the provider is unusable until they are
 * @param timeoutSeconds how long to wait for the first byte (a cold local model may need minutes)
 * @param params provider-wide extras passed into request bodies ({@code keep_alive}, OpenRouter's
 *     {@code provider} routing object, {@code keepWarm}, ...)
 */
public record ProviderConfig(String baseUrl, SecretRef apiKey, String api, Map<String, String> headers,
        Boolean authHeader, Integer timeoutSeconds, ObjectNode params, List<ModelConfig> models,
        Integer contextWindow, Integer contextTokens, Integer maxTokens, List<String> unsetVariables) {

    public ProviderConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        models = models == null ? List.of() : List.copyOf(models);
        unsetVariables = unsetVariables == null ? List.of() : List.copyOf(unsetVariables);
    }

    public ProviderConfig(String baseUrl, SecretRef apiKey, String api, Map<String, String> headers,
            Boolean authHeader, Integer timeoutSeconds, ObjectNode params, List<ModelConfig> models,
            Integer contextWindow, Integer contextTokens, Integer maxTokens) {
        this(baseUrl, apiKey, api, headers, authHeader, timeoutSeconds, params, models, contextWindow,
                contextTokens, maxTokens, List.of());
    }
}
