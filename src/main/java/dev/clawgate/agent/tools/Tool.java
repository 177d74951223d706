package dev.clawgate.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.wire.ToolSpec;

/**
 * A function the model may call. Implementations report expected failures (bad arguments, a path outside
 * the workspace, a refused URL) as {@link ToolResult#error}; anything they throw is turned into an error
 * result by {@link ToolExecutor}, so a tool can never crash a run.
 */
public interface Tool {

    /** The exact name the model calls the tool by. */
    String name();

    /** What the tool does, as the model reads it. */
    String description();

    /** The JSON Schema object of the arguments. */
    JsonNode parametersSchema();

    /** Runs the tool. {@code args} is always a JSON object (possibly empty). */
    ToolResult execute(JsonNode args, ToolContext ctx) throws Exception;

    /** The declaration sent to the model. */
    default ToolSpec spec() {
        return new ToolSpec(name(), description(), parametersSchema());
    }
}
