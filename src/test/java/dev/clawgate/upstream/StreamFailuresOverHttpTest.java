package dev.clawgate.upstream;

import static dev.clawgate.upstream.AdaptersOverHttpTest.NDJSON;
import static dev.clawgate.upstream.AdaptersOverHttpTest.OPTIONS;
import static dev.clawgate.upstream.AdaptersOverHttpTest.SSE;
import static dev.clawgate.upstream.AdaptersOverHttpTest.drain;
import static dev.clawgate.upstream.UpstreamFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.anthropic.AnthropicDecoderTest;
import dev.clawgate.upstream.transport.Http1Transport;
import dev.clawgate.wire.ChatRequest;
import dev.clawgate.wire.ChatResponse;
import dev.clawgate.wire.EventStream;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StreamEvent;
import dev.clawgate.wire.UpstreamException;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What goes wrong with real upstreams, over real HTTP: every case ends classified, none hangs. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamFailuresOverHttpTest {

    static Http1Transport transport;
    /** The adapters as they decode, without the registry's usage estimate (see EstimatedUsageStreamTest). */
    static Map<String, UpstreamAdapter> adapters;

    @BeforeAll
    static void start() {
        transport = new Http1Transport();
        adapters = UpstreamAdapters.builtIn(transport).stream()
                .collect(java.util.stream.Collectors.toMap(UpstreamAdapter::api, a -> a));
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    private static final String CHUNK_ROLE =
            "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
    private static final String CHUNK_HEL = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n";
    private static final String CHUNK_LO = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\n\n";
    private static final String CHUNK_STOP = "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";

    private static EventStream openCompletions(StandInUpstream upstream) {
        ModelSpec served = at(UpstreamFixtures.vllmCompletions(), upstream.baseUrl() + "/v1", null);
        return adapters.get("openai-completions").open(ChatRequest.ofUserText("m", "hi"), served, OPTIONS);
    }

    /** Pulls events until the stream throws; returns the exception and the events before it. */
    private static UpstreamException failureAfter(EventStream stream, List<StreamEvent> before) {
        try (stream) {
            for (int i = 0; i < 10_000; i++) {
                StreamEvent e = stream.next();
                if (e == null) {
                    throw new AssertionError("stream ended normally after " + before);
                }
                before.add(e);
            }
        } catch (UpstreamException e) {
            return e;
        }
        throw new AssertionError("stream did not end");
    }

    @Test
    void firstTextDeltaReachesTheCallerWhileTheUpstreamIsStillSending() throws Exception {
        CountDownLatch callerSawText = new CountDownLatch(1);
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> {
            res.head(200, SSE).chunk(CHUNK_ROLE).chunk(CHUNK_HEL);
            if (callerSawText.await(10, TimeUnit.SECONDS)) { // the rest only once the caller has the first piece
                res.chunk(CHUNK_LO).chunk(CHUNK_STOP).chunk("data: [DONE]\n\n").end();
            }
        }); EventStream stream = openCompletions(upstream)) {
            assertThat(stream.next()).isEqualTo(new StreamEvent.Start("c1", "m"));
            assertThat(stream.next()).isEqualTo(new StreamEvent.TextDelta("Hel"));
            callerSawText.countDown();
            List<StreamEvent> rest = drain(stream);
            assertThat(rest).containsExactly(new StreamEvent.TextDelta("lo"),
                    new StreamEvent.Stop(dev.clawgate.wire.StopReason.STOP));
        }
    }

    @Test
    void connectionDroppedMidStreamIsInterrupted() throws Exception {
        // The drop waits until the caller has the first text: the JDK client discards bytes it buffered
        // but nobody read yet once the connection fails, so an immediate drop may show no events at all.
        CountDownLatch callerSawText = new CountDownLatch(1);
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> {
            res.head(200, SSE).chunk(CHUNK_ROLE).chunk(CHUNK_HEL);
            callerSawText.await(10, TimeUnit.SECONDS);
            res.drop();
        }); EventStream stream = openCompletions(upstream)) {
            assertThat(stream.next()).isInstanceOf(StreamEvent.Start.class);
            assertThat(stream.next()).isEqualTo(new StreamEvent.TextDelta("Hel"));
            callerSawText.countDown();
            assertThatThrownBy(stream::next).isInstanceOfSatisfying(UpstreamException.class,
                    e -> assertThat(e.failure()).isEqualTo(FailureClass.STREAM_INTERRUPTED));
            assertThatThrownBy(stream::next).as("the failure sticks").isInstanceOf(UpstreamException.class);
        }
    }

    @Test
    void immediateDropAfterHeadersIsStillClassified() throws Exception {
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> {
            res.head(200, SSE).chunk(CHUNK_ROLE);
            res.drop();
        })) {
            UpstreamException e = failureAfter(openCompletions(upstream), new ArrayList<>());
            assertThat(e.failure()).isIn(FailureClass.STREAM_INTERRUPTED, FailureClass.CONNECTION_RESET);
        }
    }

    @Test
    void frameTruncatedAtTheEndOfTheBodyIsInterrupted() throws Exception {
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> {
            res.head(200, SSE).chunk(CHUNK_ROLE).chunk(CHUNK_HEL).chunk("data: {\"choices\":[{\"index\":0,\"del").end();
        })) {
            UpstreamException e = failureAfter(openCompletions(upstream), new ArrayList<>());
            assertThat(e.failure()).isEqualTo(FailureClass.STREAM_INTERRUPTED);
        }
    }

    @Test
    void invalidJsonInAFrameIsMalformedWithContext() throws Exception {
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> {
            res.head(200, SSE).chunk(CHUNK_ROLE).chunk("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]]\n\n").end();
        })) {
            UpstreamException e = failureAfter(openCompletions(upstream), new ArrayList<>());
            assertThat(e.failure()).isEqualTo(FailureClass.MALFORMED_RESPONSE);
            assertThat(e.getMessage()).contains("openai-completions").contains("invalid JSON")
                    .contains("{\"choices\":[{\"index\":0");
            assertThat(e).isNotInstanceOf(JacksonException.class);
        }
    }

    @Test
    void htmlPageWithStatus200IsMalformed() throws Exception {
        String html = "<!DOCTYPE html><html><head><title>Captive portal</title></head><body>Log in</body></html>";
        for (String contentType : List.of("text/html; charset=utf-8", SSE)) {
            try (StandInUpstream upstream = new StandInUpstream((req, res) -> res.head(200, contentType).chunk(html).end())) {
                UpstreamException e = failureAfter(openCompletions(upstream), new ArrayList<>());
                assertThat(e.failure()).as(contentType).isEqualTo(FailureClass.MALFORMED_RESPONSE);
            }
        }
    }

    @Test
    void anthropicOverloadedErrorEventAfterContentIsClassified() throws Exception {
        String wire = AnthropicDecoderTest.TEXT.substring(0, AnthropicDecoderTest.TEXT.indexOf("event: content_block_stop"))
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> res.stream(200, SSE, wire))) {
            ModelSpec served = at(UpstreamFixtures.anthropic(), upstream.baseUrl(), "sk-ant-test");
            List<StreamEvent> before = new ArrayList<>();
            UpstreamException e = failureAfter(
                    adapters.get("anthropic-messages").open(ChatRequest.ofUserText("m", "hi"), served, OPTIONS), before);
            assertThat(before).contains(new StreamEvent.TextDelta("Hello"));
            assertThat(e.failure()).isEqualTo(FailureClass.OVERLOADED);
            assertThat(e.getMessage()).doesNotContain("sk-ant-test");
        }
    }

    @Test
    void anErrorEchoingTheKeyNeverCarriesIt() throws Exception {
        String wire = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                + "\"message\":\"invalid x-api-key: mykey-0123456789\"}}\n\n";
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> res.stream(200, SSE, wire))) {
            ModelSpec served = at(UpstreamFixtures.anthropic(), upstream.baseUrl(), "mykey-0123456789");
            UpstreamException e = failureAfter(
                    adapters.get("anthropic-messages").open(ChatRequest.ofUserText("m", "hi"), served, OPTIONS), new ArrayList<>());
            assertThat(e.getMessage()).doesNotContain("mykey-0123456789").contains("[redacted]");
            assertThat(e.failure()).isEqualTo(FailureClass.AUTH_PERMANENT);
        }
    }

    @Test
    void responsesFailedEventIsClassified() throws Exception {
        String wire = """
                event: response.created
                data: {"type":"response.created","response":{"id":"r","model":"m","status":"in_progress"}}

                event: response.failed
                data: {"type":"response.failed","response":{"id":"r","status":"failed","error":{"code":"server_error","message":"Model crashed"}}}

                """;
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> res.stream(200, SSE, wire))) {
            ModelSpec served = at(UpstreamFixtures.lmStudioResponses(), upstream.baseUrl() + "/v1", null);
            UpstreamException e = failureAfter(
                    adapters.get("openai-responses").open(ChatRequest.ofUserText("m", "hi"), served, OPTIONS), new ArrayList<>());
            assertThat(e.failure()).isEqualTo(FailureClass.SERVER_ERROR);
            assertThat(e.getMessage()).contains("Model crashed");
        }
    }

    @Test
    void ollamaErrorLineIsClassified() throws Exception {
        String wire = "{\"error\":\"model \\\"qwen3:8b\\\" not found, try pulling it first\"}\n";
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> res.stream(200, NDJSON, wire))) {
            ModelSpec served = at(UpstreamFixtures.ollama(), upstream.baseUrl(), null);
            UpstreamException e = failureAfter(
                    adapters.get("ollama").open(ChatRequest.ofUserText("m", "hi"), served, OPTIONS), new ArrayList<>());
            assertThat(e.failure()).isEqualTo(FailureClass.MODEL_NOT_FOUND);
        }
    }

    @Test
    void wholeJsonAnswerWhenTheUpstreamIgnoredStreamTrue() throws Exception {
        String body = """
                {"id":"chatcmpl-w","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"<think>hm</think>Whole."},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}""";
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> res.head(200, "application/json").chunk(body).end())) {
            ChatResponse r = ChatResponse.collect(openCompletions(upstream));
            assertThat(r.text()).isEqualTo("Whole.");
            assertThat(r.reasoning()).isEqualTo("hm");
            assertThat(r.id()).isEqualTo("chatcmpl-w");
        }
    }

    @Test
    void non2xxIsClassifiedByTheTransport() throws Exception {
        String body = "{\"object\":\"error\",\"message\":\"The model `qwen9` does not exist.\",\"type\":\"NotFoundError\",\"code\":404}";
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> res.head(404, "application/json").chunk(body).end())) {
            UpstreamException e = failureAfter(openCompletions(upstream), new ArrayList<>());
            assertThat(e.failure()).isEqualTo(FailureClass.MODEL_NOT_FOUND);
            assertThat(e.status()).isEqualTo(404);
        }
    }

    @Test
    void openDoesNotWaitAndRefusalSurfacesOnNext() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ModelSpec nowhere = at(UpstreamFixtures.vllmCompletions(), "http://127.0.0.1:" + port + "/v1", null);
        EventStream stream = adapters.get("openai-completions").open(ChatRequest.ofUserText("m", "hi"), nowhere, OPTIONS);
        assertThatThrownBy(stream::next).isInstanceOfSatisfying(UpstreamException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureClass.CONNECTION_REFUSED));
        stream.close();
    }

    @Test
    void closeMidStreamCancelsTheUpstreamRequest() throws Exception {
        CountDownLatch upstreamSawClose = new CountDownLatch(1);
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> {
            res.head(200, SSE).chunk(CHUNK_ROLE).chunk(CHUNK_HEL);
            try {
                for (int i = 0; i < 2_000; i++) { // keeps streaming until the client hangs up
                    res.chunk(CHUNK_LO);
                    Thread.sleep(5);
                }
            } catch (IOException e) {
                upstreamSawClose.countDown();
            }
        })) {
            EventStream stream = openCompletions(upstream);
            assertThat(stream.next()).isInstanceOf(StreamEvent.Start.class);
            assertThat(stream.next()).isEqualTo(new StreamEvent.TextDelta("Hel"));
            stream.close();
            assertThat(stream.next()).isNull();
            assertThat(upstreamSawClose.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static final String GEMINI_KEY = "AIzaSyStandIn-secret-key-0000000000000";

    /** Gemini's error bodies, as Google sends them, classified like every other upstream's. */
    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "429|RESOURCE_EXHAUSTED|Resource has been exhausted (e.g. check quota).|RATE_LIMIT",
        "400|INVALID_ARGUMENT|API key not valid. Please pass a valid API key.|AUTH_PERMANENT",
        "403|PERMISSION_DENIED|Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.|AUTH",
        "404|NOT_FOUND|models/gemini-9-pro is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.|MODEL_NOT_FOUND",
        "400|INVALID_ARGUMENT|The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).|CONTEXT_OVERFLOW",
        "400|INVALID_ARGUMENT|Invalid JSON payload received. Unknown name \"additionalProperties\" at 'tools[0].function_declarations[0].parameters': Cannot find field.|BAD_REQUEST",
        "503|UNAVAILABLE|The model is overloaded. Please try again later.|OVERLOADED"})
    void errorBodiesAreClassified(int status, String statusName, String message, FailureClass expected) throws Exception {
        String body = """
                {
                  "error": {
                    "code": %d,
                    "message": "%s",
                    "status": "%s"
                  }
                }
                """.formatted(status, message.replace("\"", "\\\""), statusName);
        try (StandInUpstream upstream = new StandInUpstream((req, res) -> res.stream(status, "application/json; charset=UTF-8", body))) {
            ModelSpec served = at(UpstreamFixtures.gemini(), upstream.baseUrl() + "/v1beta", GEMINI_KEY);
            assertThatThrownBy(() -> drain(adapters.get("google-generative-ai")
                    .open(UpstreamFixtures.conversation(), served, OPTIONS)))
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.failure()).isEqualTo(expected);
                        assertThat(e.getMessage()).contains(message.substring(0, 20)).doesNotContain(GEMINI_KEY);
                    });
        }
    }
}
