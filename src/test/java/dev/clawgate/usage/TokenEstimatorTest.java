package dev.clawgate.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.Message;
import dev.clawgate.wire.Part;
import dev.clawgate.wire.StopReason;
import dev.clawgate.wire.ToolSpec;
import dev.clawgate.wire.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TokenEstimatorTest {

    private final TokenEstimator estimator = TokenEstimator.shared();

    @Test
    void countsWithO200kBase() {
        assertThat(estimator.countText("")).isZero();
        assertThat(estimator.countText(null)).isZero();
        assertThat(estimator.countText("hello world")).isEqualTo(2); // o200k: "hello", " world"
        assertThat(estimator.countText("<|endoftext|>")).as("special markers are plain text").isGreaterThan(1);
    }

    @Test
    void promptIncludesPerMessageOverheadSystemToolsCallsAndResults() throws Exception {
        ChatRequest plain = ChatRequest.ofUserText("m", "hello world");
        assertThat(estimator.estimatePromptTokens(plain))
                .isEqualTo(TokenEstimator.TOKENS_PER_REPLY + TokenEstimator.TOKENS_PER_MESSAGE + 2);

        ToolSpec weather = new ToolSpec("get_weather", "Weather for a city",
                new ObjectMapper().readTree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"));
        List<Message> messages = List.of(
                Message.user("What is the weather in Paris?"),
                new Message(Message.Role.ASSISTANT, List.of(new Part.Reasoning("Need the tool.", "sig", false),
                        new Part.ToolCall("c1", "get_weather", "{\"city\":\"Paris\"}"))),
                Message.toolResult("c1", "get_weather", "18°C, sunny"),
                new Message(Message.Role.USER, List.of(new Part.Image("image/png", "AAAA", null))));
        ChatRequest full = new ChatRequest("m", "You are terse.", messages, List.of(weather), null, null, null, null,
                List.of(), true, null, null);
        long withoutTools = estimator.estimatePromptTokens(full.withMessages("You are terse.", messages))
                - toolTokens(weather);
        long expected = TokenEstimator.TOKENS_PER_REPLY
                + TokenEstimator.TOKENS_PER_MESSAGE + estimator.countText("You are terse.")
                + 4 * TokenEstimator.TOKENS_PER_MESSAGE
                + estimator.countText("What is the weather in Paris?")
                + estimator.countText("Need the tool.")
                + TokenEstimator.TOKENS_PER_TOOL_CALL + estimator.countText("get_weather") + estimator.countText("{\"city\":\"Paris\"}")
                + TokenEstimator.TOKENS_PER_TOOL_CALL + estimator.countText("18°C, sunny")
                + TokenEstimator.TOKENS_PER_IMAGE;
        assertThat(withoutTools).isEqualTo(expected);
        assertThat(toolTokens(weather)).isGreaterThan(TokenEstimator.TOKENS_PER_TOOL_SECTION + 15);
    }

    private long toolTokens(ToolSpec t) {
        return TokenEstimator.TOKENS_PER_TOOL_SECTION + TokenEstimator.TOKENS_PER_TOOL + estimator.countText(t.name())
                + estimator.countText(t.description()) + estimator.countText(t.parameters().toString());
    }

    @Test
    void usageIsMarkedEstimatedAndCountsReasoningInsideOutput() {
        ChatRequest request = ChatRequest.ofUserText("m", "hi");
        Usage text = estimator.estimate(request, "hello world");
        assertThat(text).isEqualTo(new Usage(estimator.estimatePromptTokens(request), 2, 0, 0, 0, true));

        ChatResponse response = new ChatResponse("r", "m", "hello world", "let me think", null,
                List.of(new Part.ToolCall("c", "f", "{}")), null, StopReason.TOOL_USE);
        Usage u = estimator.estimate(request, response);
        long reasoning = estimator.countText("let me think");
        assertThat(u.reasoningTokens()).isEqualTo(reasoning);
        assertThat(u.outputTokens()).isEqualTo(2 + reasoning + TokenEstimator.TOKENS_PER_TOOL_CALL
                + estimator.countText("f") + estimator.countText("{}"));
        assertThat(u.estimated()).isTrue();
    }

    @Test
    void sharedAndThreadSafe() throws Exception {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(50);
        int expected = estimator.countText(text);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(CompletableFuture.supplyAsync(() -> TokenEstimator.shared().countText(text), pool));
            }
            for (CompletableFuture<Integer> r : results) {
                assertThat(r.get(20, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        }
    }
}
