/**
 * The OpenAI-style upstream APIs: {@code openai-completions} (Chat Completions, used by vLLM, llama.cpp,
 * LM Studio, Ollama's /v1, OpenRouter and OpenAI) and {@code openai-responses} (Responses, used by
 * OpenAI, LM Studio, vLLM). Each is a request encoder, a stream decoder and a whole-response decoder.
 */
package dev.clawgate.upstream.openai;
