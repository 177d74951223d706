package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 400s in each API's own error shape, naming what is wrong and where. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RequestValidationTest extends GatewayTestSupport {

    @BeforeEach
    void startGateway() {
        start();
    }

    private static JsonNode openAiError(HttpResponse<String> res) throws Exception {
        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode err = Json.MAPPER.readTree(res.body()).get("error");
        assertThat(err.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(err.has("param")).isTrue();
        assertThat(err.has("code")).isTrue();
        return err;
    }

    private static JsonNode anthropicError(HttpResponse<String> res) throws Exception {
        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode root = Json.MAPPER.readTree(res.body());
        assertThat(root.get("type").asText()).isEqualTo("error");
        assertThat(root.get("error").get("type").asText()).isEqualTo("invalid_request_error");
        return root.get("error");
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws Exception {
        JsonNode err = openAiError(post("/v1/chat/completions", "{\"model\":\"x\",\n  \"messages\": [}"));
        assertThat(err.get("message").asText()).startsWith("Malformed JSON in request body at line 2, column 16:");
        JsonNode a = anthropicError(post("/v1/messages", "{\"model\": }"));
        assertThat(a.get("message").asText()).startsWith("Malformed JSON in request body at line 1, column 11:");
    }

    @Test
    void wrongTypeNamesThePathAndBothTypes() throws Exception {
        JsonNode err = openAiError(post("/v1/chat/completions", "{\"model\":\"x\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"},{\"role\":\"user\",\"content\":42}]}"));
        assertThat(err.get("message").asText())
                .isEqualTo("messages[2].content must be a string or an array of content parts, got number");
        assertThat(err.get("param").asText()).isEqualTo("messages[2].content");

        JsonNode a = anthropicError(post("/v1/messages", "{\"model\":\"x\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                + "\"content\":true}]}"));
        assertThat(a.get("message").asText())
                .isEqualTo("messages[0].content must be a string or an array of content blocks, got boolean");

        JsonNode r = openAiError(post("/v1/responses", "{\"model\":\"x\",\"input\":7}"));
        assertThat(r.get("message").asText()).isEqualTo("input must be a string or an array of input items, got number");
        JsonNode t = openAiError(post("/v1/chat/completions", "{\"model\":\"x\",\"temperature\":\"hot\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"a\"}]}"));
        assertThat(t.get("message").asText()).isEqualTo("temperature must be a number, got string");
    }

    @Test
    void emptyMessages() throws Exception {
        JsonNode err = openAiError(post("/v1/chat/completions", "{\"model\":\"x\",\"messages\":[]}"));
        assertThat(err.get("message").asText()).isEqualTo("messages must contain at least one message, got an empty array");
        assertThat(err.get("param").asText()).isEqualTo("messages");
        JsonNode a = anthropicError(post("/v1/messages", "{\"model\":\"x\",\"max_tokens\":5,\"messages\":[]}"));
        assertThat(a.get("message").asText()).isEqualTo("messages must contain at least one message, got an empty array");
    }

    @Test
    void missingModelAndMaxTokens() throws Exception {
        JsonNode err = openAiError(post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}"));
        assertThat(err.get("message").asText()).isEqualTo("model is required");
        assertThat(err.get("param").asText()).isEqualTo("model");
        JsonNode a = anthropicError(post("/v1/messages", "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}"));
        assertThat(a.get("message").asText()).startsWith("max_tokens is required");
        JsonNode r = openAiError(post("/v1/responses", "{\"input\":\"hi\"}"));
        assertThat(r.get("message").asText()).isEqualTo("model is required");
        assertThat(router.requests).isEmpty();
    }

    @Test
    void unsupportedShapesAreRefusedPrecisely() throws Exception {
        JsonNode r = openAiError(post("/v1/responses", "{\"model\":\"x\",\"input\":\"hi\",\"previous_response_id\":\"resp_1\"}"));
        assertThat(r.get("message").asText()).startsWith("previous_response_id is not supported");
        JsonNode c = openAiError(post("/v1/chat/completions", "{\"model\":\"x\",\"messages\":[{\"role\":\"wizard\","
                + "\"content\":\"a\"}]}"));
        assertThat(c.get("message").asText()).startsWith("messages[0].role must be one of");
        JsonNode body = openAiError(post("/v1/chat/completions", "[1,2]"));
        assertThat(body.get("message").asText()).isEqualTo("request body must be an object, got array");
    }

    @Test
    void validRequestDecodesToCanonicalForm() throws Exception {
        HttpResponse<String> res = post("/v1/chat/completions", "{\"model\":\"local\",\"max_tokens\":33,\"stop\":\"END\","
                + "\"tool_choice\":\"required\",\"seed\":7,\"messages\":[{\"role\":\"developer\",\"content\":\"sys\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}]}]}");
        assertThat(res.statusCode()).isEqualTo(200);
        var req = router.lastRequest();
        assertThat(req.system()).isEqualTo("sys");
        assertThat(req.maxOutputTokens()).isEqualTo(33);
        assertThat(req.stop()).containsExactly("END");
        assertThat(req.toolChoice()).isEqualTo(dev.clawgate.wire.ToolChoice.REQUIRED);
        assertThat(req.extras().get("seed").asInt()).isEqualTo(7);
        assertThat(req.messages().get(0).parts()).containsExactly(new dev.clawgate.wire.Part.Text("look"),
                new dev.clawgate.wire.Part.Image("image/png", "AAAA", null));
    }
}
