package dev.clawgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayRuntime;
import dev.clawgate.gateway.GatewayStartException;
import dev.clawgate.testing.FakeUpstream;
import dev.clawgate.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenClaw's gateway settings over a real loopback gateway: {@code auth.mode: "password"} is enforced like a
 * token, and a bind Clawgate cannot honour ({@code tailnet}) validates but refuses to start, naming the
 * alternative. {@code auth.mode: "trusted-proxy"} believes the user header only from a peer listed in
 * {@code gateway.trustedProxies}: the test client's peer is 127.0.0.1, so a config trusting 127.0.0.0/8 (with
 * {@code allowLoopback}) admits it and one trusting only 10.9.9.9 refuses it.
 */
@Timeout(30)
class OpenClawGatewayAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private FakeUpstream upstream;
    private GatewayRuntime runtime;

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void passwordModeAdmitsOnlyThePassword() throws Exception {
        upstream = new FakeUpstream().on("/v1/chat/completions", FakeUpstream.answer("hello"));
        Path config = write("""
                { gateway: { auth: { mode: "password", password: "${GW_PASSWORD}" } },
                  agents: { defaults: { model: "box/m" } },
                  models: { mode: "replace", providers: { box: { baseUrl: "%s", apiKey: "x",
                    models: [{ id: "m", name: "M" }] } } } }
                """.formatted(upstream.baseUrl()));
        Environment env = Environment.of(Map.of("GW_PASSWORD", "open sesame",
                "CLAWGATE_STATE_DIR", home.resolve("state").toString()), home);
        runtime = GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(0, null), new MutableClock());

        assertThat(chat(null).statusCode()).isEqualTo(401);
        assertThat(chat("Bearer wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = chat("Bearer open sesame");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("hello");
    }

    @Test
    void passwordModeWithoutAPasswordDoesNotStart() throws Exception {
        assertThat(startFailure("{ gateway: { auth: { mode: \"password\" } } }"))
                .hasMessageContaining("gateway.auth.password is empty");
    }

    @Test
    void tailnetBindValidatesButRefusesToStartNamingTheAlternative() throws Exception {
        assertThat(startFailure("{ gateway: { bind: \"tailnet\" } }"))
                .hasMessageContaining("gateway.bind \"tailnet\" is not supported by Clawgate")
                .hasMessageContaining("gateway.bind: \"custom\" with customBindHost");
    }

    @Test
    void aTrustedLoopbackProxyNamesTheUser() throws Exception {
        start("[\"127.0.0.0/8\"]", "allowLoopback: true, requiredHeaders: [\"x-forwarded-proto\"],"
                + " allowUsers: [\"nick@example.com\"]");

        HttpResponse<String> ok = chatWith("x-forwarded-user", "nick@example.com", "x-forwarded-proto", "https");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("hello");

        HttpResponse<String> noUser = chatWith("x-forwarded-proto", "https");
        assertThat(noUser.statusCode()).isEqualTo(401);
        assertThat(errorMessage(noUser)).contains("x-forwarded-user").contains("gateway.auth.trustedProxy.userHeader");

        assertThat(errorMessage(chatWith("x-forwarded-user", "nick@example.com")))
                .contains("x-forwarded-proto").contains("gateway.auth.trustedProxy.requiredHeaders");
        HttpResponse<String> stranger = chatWith("x-forwarded-user", "eve@example.com", "x-forwarded-proto", "https");
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(errorMessage(stranger)).contains("gateway.auth.trustedProxy.allowUsers");
        assertThat(upstream.requestsTo("/v1/chat")).isEqualTo(1);
    }

    /** An agent turn runs as the user the proxy named: each user has their own session, whatever the body claims. */
    @Test
    void theTrustedProxyUserOwnsTheAgentSession() throws Exception {
        start("[\"127.0.0.0/8\"]", "allowLoopback: true");
        assertThat(agentTurn("alice", "alice", "my code word is heron").statusCode()).isEqualTo(200);
        // bob claims to be alice in the body: he still gets his own session
        assertThat(agentTurn("bob", "alice", "what is my code word?").statusCode()).isEqualTo(200);
        assertThat(agentTurn("alice", null, "and again?").statusCode()).isEqualTo(200);

        List<FakeUpstream.Request> calls = upstream.modelCalls();
        assertThat(calls).hasSize(3);
        assertThat(calls.get(1).body()).contains("what is my code word?").doesNotContain("heron");
        assertThat(calls.get(2).body()).contains("my code word is heron", "and again?");
        // the agent is told who is asking as labelled, untrusted context beside the text, as a chat channel tells
        // it the sender: the user the proxy named, never the one the body claims
        assertThat(lastUserMessage(calls.get(0))).contains("Untrusted context")
                .contains("\"authenticated_user\" : \"alice\"").contains("\"authenticated_by\" : \"trusted-proxy\"")
                .endsWith("my code word is heron");
        assertThat(lastUserMessage(calls.get(1))).contains("\"authenticated_user\" : \"bob\"").doesNotContain("alice")
                .endsWith("what is my code word?");
    }

    /** The text of the last message an upstream call sent (its parts joined), as the model reads it. */
    private static String lastUserMessage(FakeUpstream.Request call) throws Exception {
        JsonNode messages = JSON.readTree(call.body()).path("messages");
        JsonNode content = messages.get(messages.size() - 1).path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText()));
        return text.toString();
    }

    private HttpResponse<String> agentTurn(String proxyUser, String bodyUser, String text) throws Exception {
        String body = "{\"model\":\"clawgate\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]"
                + (bodyUser == null ? "" : ",\"user\":\"" + bodyUser + "\"") + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port()
                        + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .header("x-forwarded-user", proxyUser).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void aPeerThatIsNotATrustedProxyIsRefusedWhateverItsHeadersSay() throws Exception {
        start("[\"10.9.9.9\"]", "allowLoopback: true");

        HttpResponse<String> refused = chatWith("x-forwarded-user", "nick@example.com", "x-forwarded-for", "10.9.9.9");
        assertThat(refused.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(refused.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("authentication_error");
        assertThat(error.get("message").asText()).contains("127.0.0.1").contains("gateway.trustedProxies")
                .contains("10.9.9.9");
        assertThat(upstream.requestsTo("/v1/chat")).isZero();
    }

    @Test
    void aLoopbackProxyNeedsTheExplicitOptIn() throws Exception {
        start("[\"127.0.0.1\"]", "");
        HttpResponse<String> refused = chatWith("x-forwarded-user", "nick@example.com");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(errorMessage(refused)).contains("gateway.auth.trustedProxy.allowLoopback");
    }

    @Test
    void trustedProxyModeWithoutProxiesOrUserHeaderDoesNotStart() throws Exception {
        assertThat(startFailure("{ gateway: { auth: { mode: \"trusted-proxy\", trustedProxy: { userHeader: \"x-u\" } } } }"))
                .hasMessageContaining("gateway.trustedProxies is empty");
        assertThat(startFailure("{ gateway: { trustedProxies: [\"10.0.0.1\"], auth: { mode: \"trusted-proxy\" } } }"))
                .hasMessageContaining("gateway.auth.trustedProxy.userHeader");
    }

    private void start(String proxies, String extra) throws Exception {
        upstream = new FakeUpstream().on("/v1/chat/completions", FakeUpstream.answer("hello"));
        Path config = write("""
                { gateway: { trustedProxies: %s,
                    auth: { mode: "trusted-proxy", trustedProxy: { userHeader: "x-forwarded-user", %s } } },
                  agents: { defaults: { model: "box/m" } },
                  models: { mode: "replace", providers: { box: { baseUrl: "%s", apiKey: "x",
                    models: [{ id: "m", name: "M" }] } } } }
                """.formatted(proxies, extra, upstream.baseUrl()));
        Environment env = Environment.of(Map.of("CLAWGATE_STATE_DIR", home.resolve("state").toString()), home);
        runtime = GatewayRuntime.start(env, config, new GatewayRuntime.Overrides(0, null), new MutableClock());
    }

    private GatewayStartException startFailure(String text) throws Exception {
        Path config = write(text);
        Environment env = Environment.of(Map.of("CLAWGATE_STATE_DIR", home.resolve("state").toString()), home);
        return catchThrowableOfType(GatewayStartException.class, () -> runtime = GatewayRuntime.start(env, config,
                new GatewayRuntime.Overrides(0, null), new MutableClock()));
    }

    private Path write(String text) throws Exception {
        Path config = home.resolve("openclaw.json");
        Files.writeString(config, text);
        return config;
    }

    private static String errorMessage(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).get("error").get("message").asText();
    }

    private HttpResponse<String> chat(String authorization) throws Exception {
        return authorization == null ? chatWith() : chatWith("authorization", authorization);
    }

    private HttpResponse<String> chatWith(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port()
                        + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"box/m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
