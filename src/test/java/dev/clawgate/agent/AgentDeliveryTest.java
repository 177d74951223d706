package dev.clawgate.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.store.SessionKeys;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No delivered text carries reasoning, {@code <think>} content or {@code NO_REPLY}, whatever upstream API
 * the model speaks: the stand-in sends native reasoning, a think block inside the text and a silent turn
 * in each dialect, and the turn's result and streamed chunks are checked for every reasoning setting.
 */
@Timeout(30)
class AgentDeliveryTest {

    @TempDir
    Path home;

    private ScriptedModelServer server;
    private AgentHarness agent;

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static ScriptedModelServer.Reply answer(dev.clawgate.wire.ChatRequest request) {
        String last = request.messages().get(request.messages().size() - 1).text();
        if (last.contains("quiet")) {
            return new ScriptedModelServer.Reply("SECRET-QUIET-REASONING", "NO_REPLY", java.util.List.of());
        }
        return new ScriptedModelServer.Reply("SECRET-REASONING", "<think>SECRET-THINK</think>Visible answer",
                java.util.List.of());
    }

    /** Collects what a channel would show. */
    static final class Collected implements TurnListener {
        final StringBuilder reply = new StringBuilder();
        final StringBuilder reasoning = new StringBuilder();

        @Override
        public void replyDelta(String text) {
            reply.append(text);
        }

        @Override
        public void reasoningDelta(String text) {
            reasoning.append(text);
        }
    }

    private TurnResult send(String agentId, String text, Collected sink) {
        return agent.runtime.runTurn(new TurnRequest(agentId, null, text, null, sink));
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai-completions", "openai-responses", "anthropic-messages", "ollama"})
    void onlyFinalTextIsDelivered(String api) throws Exception {
        server = new ScriptedModelServer(1_000_000, AgentDeliveryTest::answer);
        String base = api.startsWith("openai") ? server.baseUrl() : server.root();
        agent = new AgentHarness(home, AgentHarness.config(base, api, 32768, 512, """
                [{ id: "main", default: true }, { id: "thinker", reasoning: "on" }, { id: "streamer", reasoning: "stream" }]"""));

        Collected plain = new Collected();
        TurnResult r = send("main", "hello", plain);
        assertThat(r.reply()).isEqualTo("Visible answer");
        assertThat(plain.reply.toString()).isEqualTo("Visible answer");
        assertThat(r.reasoning()).isNull();
        assertThat(plain.reasoning.toString()).isEmpty();

        Collected quiet = new Collected();
        TurnResult silent = send("main", "please stay quiet", quiet);
        assertThat(silent.isSilent()).isTrue();
        assertThat(quiet.reply.toString()).isEmpty();
        assertThat(quiet.reasoning.toString()).isEmpty();

        Collected on = new Collected();
        TurnResult thinker = send("thinker", "hello", on);
        assertThat(thinker.reply()).isEqualTo("Visible answer");
        assertThat(on.reply.toString()).isEqualTo("Visible answer");
        assertThat(thinker.reasoning()).contains("SECRET-REASONING").doesNotContain("Visible answer");

        Collected streamed = new Collected();
        TurnResult streamer = send("streamer", "hello", streamed);
        assertThat(streamer.reply()).isEqualTo("Visible answer");
        assertThat(streamed.reply.toString()).isEqualTo("Visible answer");
        assertThat(streamed.reasoning.toString()).contains("SECRET-REASONING");
        assertThat(streamer.reasoning()).isNull();

        Collected quietThinker = new Collected();
        assertThat(send("thinker", "quiet now", quietThinker).isSilent()).isTrue();
        assertThat(quietThinker.reply.toString()).isEmpty();

        for (String delivered : new String[] {r.reply(), plain.reply.toString(), on.reply.toString(),
                streamed.reply.toString(), thinker.reply(), streamer.reply()}) {
            assertThat(delivered).doesNotContain("SECRET").doesNotContain("think").doesNotContain("NO_REPLY");
        }
        String path = switch (api) {
            case "openai-completions" -> "/v1/chat/completions";
            case "openai-responses" -> "/v1/responses";
            case "anthropic-messages" -> "/v1/messages";
            default -> "/api/chat";
        };
        assertThat(server.seen()).hasSize(5).allSatisfy(s -> assertThat(s.path()).startsWith(path));
        // The reasoning is kept in the transcript (the model may need it replayed), just never delivered.
        Message stored = agent.store.transcript(SessionKeys.main("main")).get(1).message();
        assertThat(stored.parts()).anySatisfy(p -> assertThat(p).isInstanceOf(Part.Reasoning.class));
    }
}
