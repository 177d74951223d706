package dev.clawgate.agent.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.clawgate.wire.Part;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one tool call under a {@link ToolPolicy}. Whatever happens, the answer is a tool result for the
 * model: a call to a tool that is not offered is refused without running anything, malformed arguments
 * are reported, and an exception from the tool becomes an error result instead of ending the run. Error
 * results never show the workspace's absolute path (a file system exception names it): it is replaced by
 * the workspace-relative path, as the tools write paths themselves.
 */
public final class ToolExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ToolExecutor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_DETAIL = 500;

    private final ToolPolicy policy;

    public ToolExecutor(ToolPolicy policy) {
        this.policy = policy;
    }

    public ToolPolicy policy() {
        return policy;
    }

    public Part.ToolResult execute(Part.ToolCall call, ToolContext ctx) {
        ToolResult result = run(call, ctx);
        if (result.isError()) {
            result = ToolResult.error(workspaceRelative(result.content(), ctx.workspace()));
        }
        return result.toPart(call.id(), call.name());
    }

    /** {@code text} with the workspace's absolute path (as configured, and real) made relative. */
    static String workspaceRelative(String text, Path workspace) {
        List<String> roots = new ArrayList<>();
        roots.add(workspace.toAbsolutePath().normalize().toString());
        try {
            roots.add(workspace.toRealPath().toString());
        } catch (IOException | SecurityException e) {
            // a missing workspace has no real path; the configured one is still replaced
        }
        roots.sort(Comparator.comparingInt(String::length).reversed()); // /private/tmp/ws before /tmp/ws
        String out = text;
        for (String root : roots) {
            if (root.length() > 1) {
                out = out.replace(root + File.separator, "").replace(root, ".");
            }
        }
        return out;
    }

    private ToolResult run(Part.ToolCall call, ToolContext ctx) {
        Optional<Tool> tool = policy.find(call.name());
        if (tool.isEmpty()) {
            return ToolResult.error("Tool \"" + call.name() + "\" is not available. Available tools: "
                    + String.join(", ", policy.offeredTools().stream().map(Tool::name).toList()) + ".");
        }
        JsonNode args;
        try {
            args = parseArguments(call.argumentsJson());
        } catch (ToolInputException e) {
            return ToolResult.error(e.getMessage());
        }
        try {
            ToolResult result = tool.get().execute(args, ctx);
            return result != null ? result : ToolResult.error("Tool \"" + call.name() + "\" returned nothing.");
        } catch (ToolInputException e) {
            return ToolResult.error(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.error("Tool \"" + call.name() + "\" was interrupted.");
        } catch (Exception | StackOverflowError e) {
            // Log the class only: messages can carry file contents or URLs with tokens in them.
            LOG.warn("tool {} failed: {}", call.name(), e.getClass().getName());
            return ToolResult.error("Tool \"" + call.name() + "\" failed: " + describe(e));
        }
    }

    static JsonNode parseArguments(String argumentsJson) throws ToolInputException {
        if (argumentsJson == null || argumentsJson.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(argumentsJson);
        } catch (JsonProcessingException e) {
            throw new ToolInputException("The tool arguments are not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new ToolInputException("The tool arguments must be a JSON object.");
        }
        return node;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > MAX_ERROR_DETAIL ? text.substring(0, MAX_ERROR_DETAIL) + "…" : text;
    }
}
