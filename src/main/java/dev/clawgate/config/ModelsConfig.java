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

    /**
     * True when OpenClaw bundles provider {@code id}: a config may then overlay some of its fields without a
     * {@code baseUrl} or {@code models}, which OpenClaw requires of any other provider.
     */
    public static boolean isOpenClawBundledProvider(String id) {
        return OpenClawKeys.isBundledProvider(id);
    }
}
