package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.routing.AllCandidatesFailedException;
import dev.clawgate.routing.UnknownModelException;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Models, probes, metrics and how router failures before the first byte are answered. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GatewayEndpointsTest extends GatewayTestSupport {

    @Test
    void modelsListAndLookupWithSlashes() throws Exception {
        start();
        JsonNode list = Json.MAPPER.readTree(get("/v1/models").body());
        assertThat(list.get("object").asText()).isEqualTo("list");
        assertThat(list.get("data")).hasSize(2);
        assertThat(list.get("data").get(1).get("id").asText()).isEqualTo("openrouter/moonshotai/kimi-k2");
        assertThat(list.get("data").get(0).get("owned_by").asText()).isEqualTo("lmstudio");
        assertThat(list.get("data").get(0).get("context_window").asInt()).isEqualTo(32_768);

        HttpResponse<String> one = get("/v1/models/openrouter/moonshotai/kimi-k2");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(one.body()).get("id").asText()).isEqualTo("openrouter/moonshotai/kimi-k2");
        assertThat(get("/v1/models/openrouter%2Fmoonshotai%2Fkimi-k2").statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(get("/v1/models/kimi").body()).get("id").asText())
                .isEqualTo("openrouter/moonshotai/kimi-k2");
        HttpResponse<String> missing = get("/v1/models/nope/nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(missing.body()).get("error").get("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void healthAndReadiness() throws Exception {
        ReadinessCheck.Result[] state = {new ReadinessCheck.Result(false, "catalog not loaded")};
        server = new GatewayServer(GatewaySettings.loopback(0).withToken("t0ken-abc"), router, MODELS, () -> state[0]);
        port = server.start();
        assertThat(get("/health").statusCode()).isEqualTo(200); // open even with auth on
        HttpResponse<String> notReady = get("/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).as("status only: the detail is for authenticated callers")
                .isEqualTo("{\"status\":\"not_ready\"}");
        state[0] = new ReadinessCheck.Result(true, "ok: lmstudio/qwen3 is usable");
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
        assertThat(get("/health").body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void metricsAfterARequest() throws Exception {
        start();
        assertThat(post("/v1/chat/completions", CHAT_BODY).statusCode()).isEqualTo(200);
        assertThat(post("/v1/chat/completions", CHAT_STREAM_BODY).statusCode()).isEqualTo(200);
        router.script = r -> FakeRouter.answer(FakeRouter.model("openrouter", "kimi"),
                List.of(FakeRouter.failed("lmstudio/qwen3", FailureClass.CONNECTION_REFUSED, 0, "refused"),
                        FakeRouter.ok("openrouter/kimi")), FakeRouter.text("Hi"));
        assertThat(post("/v1/messages", MESSAGES_BODY).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        String text = metrics.body();
        assertThat(text).contains("clawgate_gateway_requests_total{api=\"chat_completions\",key=\"none\",model=\"lmstudio/qwen3\",status=\"200\"} 2.0");
        assertThat(text).contains("gen_ai_server_request_duration_seconds_count{api=\"chat_completions\"");
        assertThat(text).contains("gen_ai_server_time_to_first_token_seconds_count{api=\"chat_completions\"");
        assertThat(text).contains("gen_ai_client_token_usage_tokens_sum{api=\"chat_completions\",gen_ai_response_model=\"lmstudio/qwen3\",gen_ai_token_type=\"input\"} 18.0");
        assertThat(text).contains("clawgate_router_fallbacks_total{reason=\"connection-refused\"} 1.0");
        assertThat(text).contains("clawgate_upstream_failures_total{class=\"connection-refused\",phase=\"before_first_event\"} 1.0");
        assertThat(text).contains("clawgate_gateway_open_streams 0.0");
    }

    @Test
    void routerFailuresBeforeTheFirstByte() throws Exception {
        start();
        router.script = r -> {
            throw new UnknownModelException("gpt-9", "Unknown model 'gpt-9'", List.of("lmstudio/qwen3", "local"));
        };
        HttpResponse<String> unknown = post("/v1/chat/completions", CHAT_BODY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Unknown model 'gpt-9'. Available models: lmstudio/qwen3, local");
        HttpResponse<String> unknownA = post("/v1/messages", MESSAGES_BODY);
        assertThat(Json.MAPPER.readTree(unknownA.body()).get("error").get("type").asText()).isEqualTo("not_found_error");

        router.script = r -> {
            throw new AllCandidatesFailedException(List.of(
                    FakeRouter.failed("lmstudio/qwen3", FailureClass.CONNECTION_REFUSED, 0, "connection refused"),
                    FakeRouter.failed("openai/gpt-5", FailureClass.SERVER_ERROR, 500, "boom")));
        };
        HttpResponse<String> all = post("/v1/chat/completions", CHAT_BODY);
        assertThat(all.statusCode()).isEqualTo(502);
        assertThat(all.body()).contains("All models failed (2)");

        router.script = r -> {
            throw new AllCandidatesFailedException(List.of(FakeRouter.skipped("a/b"), FakeRouter.skipped("c/d")));
        };
        assertThat(post("/v1/chat/completions", CHAT_BODY).statusCode()).isEqualTo(503);
        router.script = r -> {
            throw new AllCandidatesFailedException(List.of(FakeRouter.failed("a/b", FailureClass.RATE_LIMIT, 429, "slow down")));
        };
        assertThat(post("/v1/messages", MESSAGES_BODY).statusCode()).isEqualTo(429);

        router.script = r -> {
            throw new UpstreamException(FailureClass.CONTEXT_OVERFLOW, "prompt is 40000 tokens, window is 32768");
        };
        HttpResponse<String> overflow = post("/v1/chat/completions", CHAT_BODY);
        assertThat(overflow.statusCode()).isEqualTo(400);
        JsonNode err = Json.MAPPER.readTree(overflow.body()).get("error");
        assertThat(err.get("code").asText()).isEqualTo("context_length_exceeded");
        assertThat(err.get("message").asText()).contains("window is 32768");
        HttpResponse<String> overflowA = post("/v1/messages", MESSAGES_BODY);
        assertThat(overflowA.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(overflowA.body()).get("error").get("type").asText()).isEqualTo("invalid_request_error");
    }
}
