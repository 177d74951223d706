package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.config.AgentsConfig;
import dev.clawgate.config.ConfigLoader;
import dev.clawgate.config.Environment;
import dev.clawgate.config.LoadedConfig;
import dev.clawgate.usage.TokenEstimator;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.StreamEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's small pieces on their own. */
@Timeout(20)
class AgentUnitsTest {

    @TempDir
    Path home;

    private AgentDirectory directory(String agentsList, String defaultsExtra) throws Exception {
        Environment env = Environment.of(Map.of(), home);
        Path file = home.resolve("clawgate.json5");
        String text = AgentHarness.config("http://127.0.0.1:9/v1", "openai-completions", 4096, 512, agentsList);
        if (defaultsExtra != null) {
            text = text.replace("defaults: {", "defaults: { " + defaultsExtra);
        }
        Files.writeString(file, text);
        ConfigLoader loader = new ConfigLoader(env);
        LoadedConfig loaded = loader.load(loader.locate(file));
        return new AgentDirectory(loaded.config().agents(), ModelCatalog.build(loaded.config(), env), env);
    }

    @Test
    void agentsFromConfigWithDefaultsApplied() throws Exception {
        AgentDirectory d = directory("""
                [{ id: "Helper", workspace: "~/ws/helper" },
                 { id: "coder", default: true, model: { primary: "local/big" }, tools: { profile: "minimal" },
                   privacy: "local-only", reasoning: "on" }]""", "workspace: \"~/agents\",");

        assertThat(d.defaultAgent().id()).isEqualTo("coder");
        assertThat(d.ids()).containsExactly("coder", "helper");
        AgentSpec coder = d.get("CODER");
        assertThat(coder.chain()).extracting(ModelSpec::ref).containsExactly("local/big");
        assertThat(coder.localOnly()).isTrue();
        assertThat(coder.reasoning()).isEqualTo(ReasoningDisplay.ON);
        assertThat(coder.workspace()).isEqualTo(home.resolve("agents/coder"));
        AgentSpec helper = d.get("helper");
        assertThat(helper.chain()).extracting(ModelSpec::ref).containsExactly("local/small");
        assertThat(helper.workspace()).isEqualTo(home.resolve("ws/helper"));
        assertThat(helper.reasoning()).isEqualTo(ReasoningDisplay.OFF);
        assertThatThrownBy(() -> d.get("ghost")).isInstanceOf(UnknownAgentException.class).hasMessageContaining("coder");

        AgentDirectory implicit = directory(null, null);
        assertThat(implicit.defaultAgent().id()).isEqualTo("main");
        assertThat(implicit.defaultAgent().workspace()).isEqualTo(home.resolve(".clawgate/workspace/main"));
        assertThat(PromptPreview.of(coder, AgentTools.standard(), new SystemPromptBuilder(), TokenEstimator.shared())
                .tools()).isEmpty();
    }

    @Test
    void budgetsTakeTheSmallestWindowAndScaleReservesToIt() throws Exception {
        AgentDirectory d = directory(null, "contextTokens: 3000, compaction: { reserveTokens: 100000, keepRecentTokens: 500 },");
        ModelSpec small = d.defaultAgent().primary();
        ContextLimits limits = new ContextLimits(TokenEstimator.shared());

        ContextBudget b = ContextBudget.of(small, d.defaults(), limits);
        assertThat(b.window()).isEqualTo(3000);
        assertThat(b.outputReserve()).isEqualTo(512);
        assertThat(b.reserve()).isEqualTo(1500); // written reserve, capped at half the window
        assertThat(b.keepRecent()).isEqualTo(247); // min(500, promptLimit / 4)

        limits.learnWindow(small, 2048);
        assertThat(ContextBudget.of(small, d.defaults(), limits).window()).isEqualTo(2048);
        limits.learnWindow(small, 100_000); // never raised
        assertThat(limits.learnedWindow(small)).hasValue(2048);

        ModelSpec uncapped = directory(null, null).defaultAgent().primary();
        ContextBudget defaults = ContextBudget.of(uncapped, AgentsConfig.Defaults.EMPTY,
                new ContextLimits(TokenEstimator.shared()));
        assertThat(defaults.window()).isEqualTo(4096);
        assertThat(defaults.reserve()).isEqualTo(512);
        assertThat(defaults.promptLimit()).isEqualTo(4096 - 512 - 512);
    }

    @Test
    void promptEstimatesAreCorrectedByWhatTheUpstreamReported() throws Exception {
        ModelSpec small = directory(null, null).defaultAgent().primary();
        ContextLimits limits = new ContextLimits(TokenEstimator.shared());
        ChatRequest r = ChatRequest.ofUserText("local/small", "hello there, how are you today?");
        long estimate = TokenEstimator.shared().estimatePromptTokens(r);
        assertThat(limits.correctedPromptTokens(small, r)).isEqualTo(estimate);
        limits.observePromptTokens(small, estimate, estimate * 2);
        assertThat(limits.correctedPromptTokens(small, r)).isEqualTo(estimate * 2);
        limits.observePromptTokens(small, estimate, 1); // a broken report is clamped
        assertThat(limits.correctedPromptTokens(small, r)).isEqualTo((long) Math.ceil(estimate * ContextLimits.MIN_RATIO));
    }

    @Test
    void theCompactionCutNeverSplitsAToolCallFromItsResult() {
        TokenEstimator t = TokenEstimator.shared();
        String words = Conversations.filler(1, 80);
        List<Message> messages = List.of(
                Message.user("first " + words),
                Message.assistant("answer " + words),
                Message.user("second " + words),
                new Message(Message.Role.ASSISTANT, List.of(new Part.ToolCall("c1", "read", "{\"path\":\"a\"}"))),
                Message.toolResult("c1", "read", "result " + words),
                Message.assistant("done " + words));
        // A budget that would start the tail at the tool result moves forward past it (no user message later).
        long lastTwo = Compactor.messageTokens(messages.get(4), t) + Compactor.messageTokens(messages.get(5), t);
        assertThat(Compactor.cutIndex(messages, (int) lastTwo, t)).isEqualTo(5);
        // Room for the whole second turn starts the tail at its user message.
        long secondTurn = Compactor.messagesTokens(messages.subList(2, 6), t);
        assertThat(Compactor.cutIndex(messages, (int) secondTurn + 5, t)).isEqualTo(2);
        // Everything fits: nothing to compact. Nothing fits: summarise all.
        assertThat(Compactor.cutIndex(messages, 100_000, t)).isZero();
        assertThat(Compactor.cutIndex(messages, 0, t)).isEqualTo(6);
    }

    @Test
    void summariserInputIsChunkedAndKeepsIdentifiers() {
        TokenEstimator t = TokenEstimator.shared();
        List<Message> messages = List.of(
                Message.user("see /srv/data/report-2024.csv and ticket JIRA-4411 at https://example.com/x?id=7"),
                new Message(Message.Role.ASSISTANT, List.of(new Part.Reasoning("private thoughts", null, false),
                        new Part.Text("<think>more</think>Looking."), new Part.ToolCall("c1", "read", "{\"path\":\"r.csv\"}"))),
                Message.toolResult("c1", "read", Conversations.filler(3, 2000)));
        List<String> chunks = Compactor.chunks(messages, 200, t);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(String.join("", chunks)).contains("/srv/data/report-2024.csv", "JIRA-4411",
                "https://example.com/x?id=7", "Assistant called tool read {\"path\":\"r.csv\"}", "…[cut]")
                .doesNotContain("private thoughts").doesNotContain("more");
        assertThat(chunks).allSatisfy(c -> assertThat(t.countText(c)).isLessThanOrEqualTo(220));
    }

    @Test
    void chatCommandsParse() {
        assertThat(ChatCommand.parse("/compact focus on ids")).contains(new ChatCommand("compact", "focus on ids"));
        assertThat(ChatCommand.parse("  /MODEL   Big ")).contains(new ChatCommand("model", "Big"));
        assertThat(ChatCommand.parse("/new")).contains(new ChatCommand("new", ""));
        assertThat(ChatCommand.parse("/etc/hosts")).isEmpty();
        assertThat(ChatCommand.parse("hello /status")).isEmpty();
        assertThat(ChatCommand.parse("/")).isEmpty();
    }

    @Test
    void agentTargetsPickTheAgentAndTheCallersSession() throws Exception {
        AgentDirectory d = directory("[{ id: \"main\" }, { id: \"ops\" }]", null);
        assertThat(AgentTarget.parse("local/small")).isEmpty();
        assertThat(AgentTarget.parse("clawgate")).contains(new AgentTarget(null));
        assertThat(AgentTarget.parse("Clawgate/ops")).contains(new AgentTarget("ops"));

        ChatRequest call = new ChatRequest("clawgate/ops", "client system", List.of(Message.user("old question"),
                Message.assistant("old answer"), Message.user("new question")), List.of(), null, null, null, null,
                List.of(), true, "alice", null);
        TurnRequest turn = new AgentTarget("ops").turnRequest(call, d, null);
        assertThat(turn.agentId()).isEqualTo("ops");
        assertThat(turn.text()).isEqualTo("new question");
        assertThat(turn.sessionKey()).isEqualTo("agent:ops:openai-user:alice");
        TurnRequest anonymous = new AgentTarget(null).turnRequest(call.withMessages(null,
                List.of(Message.user("hi"))), d, null);
        assertThat(anonymous.sessionKey()).isEqualTo("agent:main:openai-user:alice");
        assertThatThrownBy(() -> new AgentTarget("ghost").turnRequest(call, d, null))
                .isInstanceOf(UnknownAgentException.class);
    }

    @Test
    void streamedTextThatLooksLikeAToolCallIsHeldUntilTheStepEnds() {
        StringBuilder shown = new StringBuilder();
        TurnListener sink = new TurnListener() {
            @Override
            public void replyDelta(String text) {
                shown.append(text);
            }
        };
        ReplyStreamer s = new ReplyStreamer(sink, ReasoningDisplay.OFF, true);
        s.startStep();
        s.accept(new StreamEvent.TextDelta("<tool_"));
        s.accept(new StreamEvent.TextDelta("call>{\"name\":\"read\"}</tool_call>"));
        assertThat(shown).isEmpty();
        s.finishStep(true);
        assertThat(shown).isEmpty();

        s.startStep();
        s.accept(new StreamEvent.TextDelta("<think>x</think>"));
        s.accept(new StreamEvent.TextDelta("{not a call"));
        s.finishStep(false);
        s.startStep();
        s.accept(new StreamEvent.TextDelta("Plain "));
        assertThat(shown.toString()).isEqualTo("{not a call\n\nPlain ");
        s.accept(new StreamEvent.TextDelta("text"));
        s.finishStep(false);
        assertThat(shown.toString()).isEqualTo("{not a call\n\nPlain text");
    }

    @Test
    void theSystemPromptAndToolsCountIsKeptPerPromptAndFollowsAChangedPrompt() {
        ContextLimits limits = new ContextLimits(TokenEstimator.shared());
        var tools = List.of(new dev.clawgate.wire.ToolSpec("read_file", "Reads a file of the workspace",
                dev.clawgate.upstream.codec.Json.object().put("type", "object")));
        String prompt = "You are main.\n\n## AGENTS.md\nBe brief.";
        long direct = TokenEstimator.shared().estimatePromptTokens(new ChatRequest(null, prompt, List.of(), tools,
                null, null, null, null, List.of(), true, null, null));

        assertThat(limits.fixedPromptTokens(prompt, tools)).isEqualTo(direct);
        assertThat(limits.fixedPromptTokens(new String(prompt), tools)).as("an equal prompt built again").isEqualTo(direct);
        String edited = prompt + " Answer in French, with examples, citing every source you used.";
        assertThat(limits.fixedPromptTokens(edited, tools)).as("AGENTS.md edited")
                .isEqualTo(TokenEstimator.shared().estimatePromptTokens(new ChatRequest(null, edited, List.of(), tools,
                        null, null, null, null, List.of(), true, null, null)))
                .isGreaterThan(direct);
        assertThat(limits.fixedPromptTokens(prompt, List.of())).as("no tools offered").isLessThan(direct);
    }
}
