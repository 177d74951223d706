package dev.clawgate.upstream.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.codec.BodyExtras;
import dev.clawgate.upstream.codec.Json;
import dev.clawgate.upstream.codec.OutputLimit;
import dev.clawgate.upstream.codec.ReasoningEffort;
import dev.clawgate.upstream.codec.TextOnlyInput;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.ToolChoice;
import dev.clawgate.wire.ToolSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a canonical request as a Gemini {@code GenerateContentRequest}: {@code contents} with roles
 * {@code user}/{@code model}, {@code systemInstruction}, {@code tools.functionDeclarations} (schemas
 * narrowed by {@link GeminiSchema}), {@code toolConfig} and {@code generationConfig}. Consecutive turns of
 * one role are joined, so all results of one tool-use turn reach Gemini as one turn, as it wants. A
 * {@code functionResponse} names its function (from the tool result or from the assistant call it answers)
 * and, when the call had an id of its own, carries that id, as does the replayed {@code functionCall}; an id
 * Clawgate made up for a call Gemini sent without one is never sent. Reasoning text is not replayed (Gemini keeps its thinking private); only
 * its thought signature is, on the turn's first part that Google attaches it to.
 */
public final class GeminiRequestEncoder {

    private static final int MIN_THINKING_BUDGET = 128;

    public ObjectNode encode(ChatRequest request, ModelSpec model) {
        ObjectNode body = Json.object();
        body.set("contents", contents(request, model));
        if (request.system() != null && !request.system().isBlank()) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", request.system());
        }
        if (!request.tools().isEmpty()) {
            body.putArray("tools").addObject().set("functionDeclarations", declarations(request.tools()));
            if (request.toolChoice() != null) {
                body.putObject("toolConfig").set("functionCallingConfig", functionCalling(request.toolChoice()));
            }
        }
        ObjectNode generation = generationConfig(request, model);
        if (!generation.isEmpty()) {
            body.set("generationConfig", generation);
        }
        return BodyExtras.merge(body, model, request, ReasoningEffort.KEYS);
    }

    private static ObjectNode generationConfig(ChatRequest request, ModelSpec model) {
        ObjectNode config = Json.object();
        Integer limit = OutputLimit.of(request, model);
        if (limit != null) {
            config.put("maxOutputTokens", limit);
        }
        if (request.temperature() != null) {
            config.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            config.put("topP", request.topP());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = config.putArray("stopSequences");
            request.stop().forEach(stop::add);
        }
        if (model.reasoning()) {
            String effort = ReasoningEffort.of(request, model);
            ObjectNode thinking = config.putObject("thinkingConfig");
            if ("none".equals(effort)) {
                thinking.put("thinkingBudget", 0);
            } else {
                thinking.put("includeThoughts", true);
                Integer budget = thinkingBudget(effort, limit);
                if (budget != null) {
                    thinking.put("thinkingBudget", budget);
                }
            }
        }
        return config;
    }

    /** A token budget for an OpenAI-style effort, kept below the output limit; null leaves it to Gemini. */
    static Integer thinkingBudget(String effort, Integer outputLimit) {
        if (effort == null) {
            return null;
        }
        int budget = switch (effort) {
            case "minimal", "low" -> 1024;
            case "medium" -> 8192;
            default -> 24576; // high, xhigh: the most every 2.5 model accepts
        };
        if (outputLimit != null) {
            budget = Math.min(budget, outputLimit - 1);
        }
        return budget >= MIN_THINKING_BUDGET ? budget : null;
    }

    private static ArrayNode contents(ChatRequest request, ModelSpec model) {
        List<Message> messages = TextOnlyInput.apply(request.messages(), model);
        Map<String, String> callNames = new HashMap<>();
        for (Message m : messages) {
            for (Part p : m.parts()) {
                if (p instanceof Part.ToolCall c && c.id() != null) {
                    callNames.put(c.id(), c.name());
                }
            }
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        String lastRole = null;
        ArrayNode lastParts = null;
        for (Message m : messages) {
            String role = m.role() == Message.Role.ASSISTANT ? "model" : "user";
            ArrayNode parts = Json.MAPPER.createArrayNode();
            if (m.role() == Message.Role.ASSISTANT) {
                modelParts(m.parts(), parts);
            } else {
                userParts(m.parts(), callNames, parts);
            }
            if (parts.isEmpty()) {
                continue;
            }
            if (role.equals(lastRole)) {
                lastParts.addAll(parts);
                continue;
            }
            ObjectNode content = out.addObject().put("role", role);
            content.set("parts", parts);
            lastRole = role;
            lastParts = parts;
        }
        return out;
    }

    private static void userParts(List<Part> parts, Map<String, String> callNames, ArrayNode out) {
        for (Part p : parts) {
            switch (p) {
                case Part.ToolResult r -> {
                    String name = r.name() != null && !r.name().isEmpty() ? r.name()
                            : callNames.getOrDefault(r.toolCallId(), r.toolCallId());
                    ObjectNode response = out.addObject().putObject("functionResponse");
                    putCallId(response, r.toolCallId());
                    response.put("name", name).set("response", functionResponse(r));
                }
                case Part.Text t when !t.text().isEmpty() -> out.addObject().put("text", t.text());
                case Part.Image img -> out.add(image(img));
                default -> { }
            }
        }
    }

    /**
     * Gemini wants the response as an object: a tool's JSON object is sent as it is, anything else
     * (plain text, arrays) under {@code result}, or {@code error} when the tool failed.
     */
    private static ObjectNode functionResponse(Part.ToolResult r) {
        JsonNode parsed = r.content().startsWith("{") ? Json.parseLenient(r.content()) : null;
        if (!r.isError() && parsed instanceof ObjectNode object) {
            return object;
        }
        return Json.object().put(r.isError() ? "error" : "result", r.content());
    }

    private static ObjectNode image(Part.Image img) {
        ObjectNode part = Json.object();
        if (img.data() != null) {
            part.putObject("inlineData").put("mimeType", img.mediaType()).put("data", img.data());
        } else {
            ObjectNode file = part.putObject("fileData");
            if (img.mediaType() != null) {
                file.put("mimeType", img.mediaType());
            }
            file.put("fileUri", img.url());
        }
        return part;
    }

    private static void modelParts(List<Part> parts, ArrayNode out) {
        String signature = null;
        for (Part p : parts) {
            if (p instanceof Part.Reasoning r && signature == null) {
                signature = ThoughtSignature.unwrap(r.signature());
            }
        }
        boolean anyCall = parts.stream().anyMatch(p -> p instanceof Part.ToolCall);
        for (Part p : parts) {
            if (p instanceof Part.Text t && !t.text().isEmpty()) {
                ObjectNode text = out.addObject().put("text", t.text());
                if (!anyCall && signature != null) {
                    text.put("thoughtSignature", signature); // a text-only turn carries it on its text
                    signature = null;
                }
            }
        }
        boolean first = true;
        for (Part p : parts) {
            if (p instanceof Part.ToolCall c) {
                ObjectNode call = out.addObject();
                ObjectNode functionCall = call.putObject("functionCall");
                putCallId(functionCall, c.id());
                functionCall.put("name", c.name()).set("args", args(c.argumentsJson()));
                if (first) {
                    call.put("thoughtSignature", signature != null ? signature : ThoughtSignature.SKIP_VALIDATION);
                    first = false;
                }
            }
        }
    }

    private static void putCallId(ObjectNode node, String id) {
        if (id != null && !id.isEmpty() && !GeminiStreamDecoder.isMadeUpCallId(id)) {
            node.put("id", id);
        }
    }

    private static JsonNode args(String argumentsJson) {
        JsonNode parsed = Json.parseLenient(argumentsJson);
        return parsed.isObject() ? parsed : Json.object();
    }

    private static ArrayNode declarations(List<ToolSpec> tools) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ToolSpec t : tools) {
            ObjectNode declaration = out.addObject().put("name", t.name());
            if (t.description() != null) {
                declaration.put("description", t.description());
            }
            ObjectNode parameters = GeminiSchema.of(t.parameters());
            if (parameters.path("properties").size() > 0 || !"object".equals(Json.text(parameters, "type"))) {
                declaration.set("parameters", parameters); // Gemini rejects an object schema without properties
            }
        }
        return out;
    }

    private static ObjectNode functionCalling(ToolChoice choice) {
        return switch (choice.mode()) {
            case AUTO -> Json.object().put("mode", "AUTO");
            case NONE -> Json.object().put("mode", "NONE");
            case REQUIRED -> Json.object().put("mode", "ANY");
            case NAMED -> {
                ObjectNode config = Json.object().put("mode", "ANY");
                config.putArray("allowedFunctionNames").add(choice.name());
                yield config;
            }
        };
    }
}
