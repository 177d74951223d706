package dev.clawgate.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One {@code models.providers.<id>} entry as written. Null means absent.
 *
 * @param timeoutSeconds how long to wait for the first byte (a cold local model may need minutes)
 * @param params provider-wide extras passed into request bodies ({@code keep_alive}, OpenRouter's
 *     {@code provider} routing object, {@code keepWarm}, ...)
 */
public record ProviderConfig(String baseUrl, SecretRef apiKey, String api, Map<String, String> headers,
        Boolean authHeader, Integer timeoutSeconds, ObjectNode params, List<ModelConfig> models,
        Integer contextWindow, Integer contextTokens, Integer maxTokens) {

    public ProviderConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        models = models == null ? List.of() : List.copyOf(models);
    }
}
