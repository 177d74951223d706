package dev.clawgate.doctor;

import dev.clawgate.catalog.ProviderSpec;
import java.net.URI;

/**
 * Which local server a provider most likely is, so that a finding can say how to start or fix that
 * particular server rather than "check your server".
 */
enum ServerKind {
    LM_STUDIO("LM Studio", "start LM Studio's server (Developer tab -> Start Server, or `lms server start`)",
            "load it in LM Studio or run `lms load %s`", "the context length you load the model with in LM Studio"),
    OLLAMA("Ollama", "start Ollama (`ollama serve`, or the Ollama app)", "run `ollama pull %s`",
            "num_ctx (Clawgate sends the model's contextWindow as options.num_ctx)"),
    VLLM("vLLM", "start vLLM (`vllm serve <model> --port 8000`)", "serve it with `vllm serve %s`", "vLLM's --max-model-len"),
    LLAMA_CPP("llama.cpp", "start llama-server (`llama-server -m model.gguf --port 8080`)",
            "start llama-server with that model (-m) or fix the id", "llama-server's -c / --ctx-size"),
    SGLANG("SGLang", "start SGLang (`python -m sglang.launch_server --model-path <model> --port 30000`)",
            "launch SGLang with --model-path %s", "SGLang's --context-length"),
    LITELLM("LiteLLM", "start the LiteLLM proxy (`litellm --config config.yaml`)", "add %s to LiteLLM's model_list",
            "the upstream model's limit"),
    GENERIC("the model server", "start the server or fix models.providers.<id>.baseUrl", "make the server serve %s",
            "the server's context limit");

    final String label;
    final String startHint;
    final String modelHint;
    final String contextKnob;

    ServerKind(String label, String startHint, String modelHint, String contextKnob) {
        this.label = label;
        this.startHint = startHint;
        this.modelHint = modelHint;
        this.contextKnob = contextKnob;
    }

    static ServerKind of(ProviderSpec provider) {
        String id = provider.id();
        if ("ollama".equals(provider.api()) || id.contains("ollama")) {
            return OLLAMA;
        }
        if (id.contains("lmstudio") || id.contains("lm-studio")) {
            return LM_STUDIO;
        }
        if (id.contains("vllm")) {
            return VLLM;
        }
        if (id.contains("llama")) {
            return LLAMA_CPP;
        }
        if (id.contains("sglang")) {
            return SGLANG;
        }
        if (id.contains("litellm")) {
            return LITELLM;
        }
        int port;
        try {
            port = URI.create(provider.baseUrl()).getPort();
        } catch (IllegalArgumentException e) {
            return GENERIC;
        }
        return switch (port) {
            case 1234 -> LM_STUDIO;
            case 11434 -> OLLAMA;
            case 8000 -> VLLM;
            case 8080 -> LLAMA_CPP;
            case 30000 -> SGLANG;
            case 4000 -> LITELLM;
            default -> GENERIC;
        };
    }
}
