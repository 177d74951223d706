package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.testing.FakeUpstream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code previous_response_id} with the official OpenAI SDK: answers are stored in the state database, a
 * follow-up carries the earlier exchange to the upstream, and stored answers can be read and deleted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PreviousResponseTest {

    @TempDir
    Path home;

    private FakeUpstream upstream;
    private GatewayRuntime runtime;
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        upstream = new FakeUpstream().on("/v1/chat/completions", FakeUpstream.answer("Nice to meet you, Ada"));
        runtime = RuntimeUnderTest.start(home, """
            { agents: { defaults: { model: "box/qwen3-8b", workspace: "%s" } },
              models: { mode: "replace", providers: { box: { baseUrl: "%s", api: "openai-completions", apiKey: "x",
                models: [{ id: "qwen3-8b" }] } } } }
            """.formatted(home.resolve("ws"), upstream.baseUrl()));
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + runtime.port() + "/v1").apiKey("unused")
                .maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        runtime.close();
        upstream.close();
    }

    private List<FakeUpstream.Request> chatRequests() {
        return upstream.requests().stream().filter(r -> r.path().equals("/v1/chat/completions")).toList();
    }

    @Test
    void aChainedCallCarriesTheEarlierExchangeAndStoredAnswersCanBeReadAndDeleted() {
        Response first = client.responses().create(ResponseCreateParams.builder().model("box/qwen3-8b")
                .input("My name is Ada.").build());
        assertThat(first._additionalProperties().get("store")).hasToString("true");

        Response second = client.responses().create(ResponseCreateParams.builder().model("box/qwen3-8b")
                .previousResponseId(first.id()).input("What is my name?").build());

        assertThat(second.previousResponseId()).contains(first.id());
        String sent = chatRequests().get(1).body();
        // the first exchange, then the new question, in order
        assertThat(sent.indexOf("My name is Ada.")).isPositive()
                .isLessThan(sent.indexOf("Nice to meet you, Ada"));
        assertThat(sent.indexOf("Nice to meet you, Ada")).isLessThan(sent.indexOf("What is my name?"));

        // a third link resolves the whole chain, not only the last step
        Response third = client.responses().create(ResponseCreateParams.builder().model("box/qwen3-8b")
                .previousResponseId(second.id()).input("And again?").build());
        String thirdSent = chatRequests().get(2).body();
        assertThat(thirdSent).contains("My name is Ada.", "What is my name?", "And again?");

        Response retrieved = client.responses().retrieve(second.id());
        assertThat(retrieved.id()).isEqualTo(second.id());
        assertThat(retrieved.output().get(0).asMessage().content().get(0).asOutputText().text())
                .isEqualTo("Nice to meet you, Ada");

        client.responses().delete(third.id());
        assertThatThrownBy(() -> client.responses().retrieve(ResponseRetrieveParams.builder()
                .responseId(third.id()).build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(third.id());
        assertThatThrownBy(() -> client.responses().delete(third.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aStreamedAnswerIsStoredAndStoreFalseIsNot() {
        AtomicReference<String> streamedId = new AtomicReference<>();
        try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(ResponseCreateParams.builder()
                .model("box/qwen3-8b").input("My name is Ada.").build())) {
            s.stream().forEach(e -> e.completed().ifPresent(c -> streamedId.set(c.response().id())));
        }
        client.responses().create(ResponseCreateParams.builder().model("box/qwen3-8b")
                .previousResponseId(streamedId.get()).input("What is my name?").build());
        assertThat(chatRequests().get(1).body()).contains("My name is Ada.", "Nice to meet you, Ada");

        Response unstored = client.responses().create(ResponseCreateParams.builder().model("box/qwen3-8b")
                .input("forget this").store(false).build());
        assertThat(unstored._additionalProperties().get("store")).hasToString("false");
        assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder().model("box/qwen3-8b")
                .previousResponseId(unstored.id()).input("and?").build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Previous response with id '" + unstored.id() + "' not found");
        assertThatThrownBy(() -> client.responses().retrieve(unstored.id())).isInstanceOf(NotFoundException.class);
    }
}
