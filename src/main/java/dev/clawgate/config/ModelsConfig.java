package dev.clawgate.config;

import java.util.List;
import java.util.Map;

/** The {@code models} section. {@code providers} keeps the file's order. */
public record ModelsConfig(Mode mode, Map<String, ProviderConfig> providers) {

    public enum Mode { MERGE, REPLACE }

    /** The {@code api} values Clawgate has upstream adapters for. */
    public static final List<String> CLAWGATE_APIS =
            List.of("openai-completions", "openai-responses", "anthropic-messages", "ollama",
                    "google-generative-ai");

    public static final ModelsConfig EMPTY = new ModelsConfig(Mode.MERGE, Map.of());

    public ModelsConfig {
        mode = mode != null ? mode : Mode.MERGE;
        providers = providers != null ? java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(providers)) : Map.of();
    }
}
