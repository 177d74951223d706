package dev.clawgate.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.clawgate.config.AgentsConfig;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.ToolSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class ToolPolicyTest {

    @TempDir
    Path workspace;

    /** A tool that counts its executions and can be told to throw. */
    static final class CountingTool implements Tool {
        final String name;
        final AtomicInteger calls = new AtomicInteger();
        RuntimeException toThrow;
        JsonNode lastArgs;

        CountingTool(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "counts";
        }

        @Override
        public JsonNode parametersSchema() {
            return JsonNodeFactory.instance.objectNode().put("type", "object");
        }

        @Override
        public ToolResult execute(JsonNode args, ToolContext ctx) {
            calls.incrementAndGet();
            lastArgs = args;
            if (toThrow != null) {
                throw toThrow;
            }
            return ToolResult.ok("done");
        }
    }

    private final CountingTool read = new CountingTool("read");
    private final CountingTool write = new CountingTool("write");
    private final CountingTool list = new CountingTool("list");
    private final CountingTool webFetch = new CountingTool("web_fetch");
    private final List<Tool> all = List.of(read, write, list, webFetch);

    private static List<String> names(ToolPolicy policy) {
        return policy.offeredTools().stream().map(Tool::name).toList();
    }

    @Test
    void profilesSelectTheBaseSet() {
        assertThat(names(new ToolPolicy(all, ToolProfile.MINIMAL, List.of(), List.of()))).isEmpty();
        assertThat(names(new ToolPolicy(all, ToolProfile.MESSAGING, List.of(), List.of()))).containsExactly("web_fetch");
        assertThat(names(new ToolPolicy(all, ToolProfile.FULL, List.of(), List.of())))
                .containsExactly("read", "write", "list", "web_fetch");
        assertThat(ToolProfile.parse(null)).isEqualTo(ToolProfile.FULL);
        assertThat(ToolProfile.parse(" Messaging ")).isEqualTo(ToolProfile.MESSAGING);
        assertThatThrownBy(() -> ToolProfile.parse("fulll")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowNarrowsDenyWinsAndNeitherWidensTheProfile() {
        assertThat(names(new ToolPolicy(all, ToolProfile.FULL, List.of("read", "LIST"), List.of())))
                .containsExactly("read", "list");
        assertThat(names(new ToolPolicy(all, ToolProfile.FULL, List.of("read", "write"), List.of("write"))))
                .containsExactly("read");
        assertThat(names(new ToolPolicy(all, ToolProfile.FULL, List.of("*"), List.of("group:fs"))))
                .containsExactly("web_fetch");
        assertThat(names(new ToolPolicy(all, ToolProfile.FULL, List.of(), List.of("w*")))).containsExactly("read", "list");
        assertThat(names(new ToolPolicy(all, ToolProfile.MESSAGING, List.of("read"), List.of()))).isEmpty();
        assertThat(names(new ToolPolicy(all, ToolProfile.FULL, List.of("group:web"), List.of("web_fetch")))).isEmpty();
    }

    @Test
    void buildsFromAgentConfig() {
        ToolPolicy policy = ToolPolicy.forAgent(all, new AgentsConfig.Tools("full", null, List.of("write")));
        assertThat(names(policy)).containsExactly("read", "list", "web_fetch");
        assertThat(policy.offeredSpecs()).extracting(ToolSpec::name).containsExactly("read", "list", "web_fetch");
        assertThat(names(ToolPolicy.forAgent(all, null))).hasSize(4);
    }

    @Test
    void callsToToolsNotOfferedAreRefusedWithoutRunning() {
        ToolExecutor executor = new ToolExecutor(new ToolPolicy(all, ToolProfile.FULL, List.of(), List.of("write")));
        ToolContext ctx = new ToolContext("main", "agent:main:main", workspace);

        Part.ToolResult denied = executor.execute(new Part.ToolCall("c1", "write", "{}"), ctx);
        Part.ToolResult wrongCase = executor.execute(new Part.ToolCall("c2", "READ", "{}"), ctx);
        Part.ToolResult unknown = executor.execute(new Part.ToolCall("c3", "exec", "{}"), ctx);

        assertThat(denied.isError()).isTrue();
        assertThat(denied.toolCallId()).isEqualTo("c1");
        assertThat(denied.content()).startsWith("Tool \"write\" is not available. Available tools: read, list, web_fetch");
        assertThat(wrongCase.isError()).isTrue();
        assertThat(unknown.isError()).isTrue();
        assertThat(write.calls).hasValue(0);
        assertThat(read.calls).hasValue(0);
    }

    @Test
    void exceptionsAndBadArgumentsBecomeErrorResults() {
        ToolExecutor executor = new ToolExecutor(new ToolPolicy(all, ToolProfile.FULL, List.of(), List.of()));
        ToolContext ctx = new ToolContext("main", "agent:main:main", workspace);
        read.toThrow = new IllegalStateException("boom");

        Part.ToolResult crashed = executor.execute(new Part.ToolCall("c1", "read", "{\"path\":\"a\"}"), ctx);
        assertThat(crashed).isEqualTo(new Part.ToolResult("c1", "read", "Tool \"read\" failed: IllegalStateException: boom", true));

        Part.ToolResult badJson = executor.execute(new Part.ToolCall("c2", "list", "{not json"), ctx);
        assertThat(badJson.isError()).isTrue();
        assertThat(badJson.content()).startsWith("The tool arguments are not valid JSON");
        Part.ToolResult notObject = executor.execute(new Part.ToolCall("c3", "list", "[1]"), ctx);
        assertThat(notObject.content()).isEqualTo("The tool arguments must be a JSON object.");
        assertThat(list.calls).hasValue(0);

        Part.ToolResult empty = executor.execute(new Part.ToolCall("c4", "list", ""), ctx);
        assertThat(empty).isEqualTo(new Part.ToolResult("c4", "list", "done", false));
        assertThat(list.lastArgs.isObject()).isTrue();
    }

    @Test
    void realFileToolsRefusalsComeBackAsErrors() {
        ToolExecutor executor = new ToolExecutor(new ToolPolicy(
                List.of(new ReadFileTool(), new WriteFileTool(), new ListDirectoryTool()), ToolProfile.FULL,
                List.of(), List.of()));
        ToolContext ctx = new ToolContext("main", "agent:main:main", workspace);
        Part.ToolResult r = executor.execute(new Part.ToolCall("c1", "read", "{\"path\":\"../x\"}"), ctx);
        assertThat(r).isEqualTo(new Part.ToolResult("c1", "read", "Refused: ../x escapes the workspace.", true));
    }
}
