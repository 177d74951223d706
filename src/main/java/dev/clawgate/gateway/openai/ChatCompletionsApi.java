package dev.clawgate.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.gateway.ApiError;
import dev.clawgate.gateway.DecodedCall;
import dev.clawgate.gateway.InboundApi;

/**
 * {@code POST /v1/chat/completions}, OpenAI's Chat Completions API.
 *
 * <p>Reasoning is never put into {@code content}. It arrives as {@code reasoning_content} (DeepSeek, LM
 * Studio, llama.cpp) on deltas and on the message, or as {@code reasoning} (vLLM, OpenRouter) when the
 * request says {@code "reasoning_format": "reasoning"}; a client opts out with {@code "include_reasoning":
 * false} (OpenRouter's name for the switch), and {@code gateway.reasoning: "drop"} leaves it out for all.
 */
public final class ChatCompletionsApi implements InboundApi {

    @Override
    public String name() {
        return "chat_completions";
    }

    @Override
    public DecodedCall decode(JsonNode body) {
        return ChatCompletionsDecoder.decode(body);
    }

    @Override
    public byte[] errorBody(ApiError error, String requestId) {
        return OpenAiErrors.body(error);
    }
}
