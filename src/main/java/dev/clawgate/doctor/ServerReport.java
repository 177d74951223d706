package dev.clawgate.doctor;

import java.util.Map;
import java.util.Set;

/**
 * What a model server said about itself when asked (without running a model).
 *
 * @param reachable false when nothing answered at the base URL
 * @param failure why it was not reachable ({@code connection refused}, ...), or the listing's HTTP
 *     status when it answered but not with a model list; null when fine
 * @param models ids the server lists, empty when it lists none or could not be asked
 * @param loaded ids the server reports as loaded in memory, or null when it cannot say
 * @param contextLimits per id, the context length the server will actually use (vLLM
 *     {@code max_model_len}, LM Studio's loaded context length, Ollama's running {@code context_length})
 * @param responsesEndpoint true/false when {@code POST {baseUrl}/responses} exists or not; null when not checked
 */
public record ServerReport(boolean reachable, String failure, Set<String> models, Set<String> loaded,
        Map<String, Integer> contextLimits, Boolean responsesEndpoint) {

    public static ServerReport unreachable(String why) {
        return new ServerReport(false, why, Set.of(), null, Map.of(), null);
    }

    public boolean lists(String id) {
        return models.contains(id) || models.contains(id + ":latest");
    }
}
