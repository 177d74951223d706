package dev.clawgate.upstream.transport;

import static dev.clawgate.wire.FailureClass.AUTH;
import static dev.clawgate.wire.FailureClass.AUTH_PERMANENT;
import static dev.clawgate.wire.FailureClass.BAD_REQUEST;
import static dev.clawgate.wire.FailureClass.BILLING;
import static dev.clawgate.wire.FailureClass.CONTEXT_OVERFLOW;
import static dev.clawgate.wire.FailureClass.MODEL_NOT_FOUND;
import static dev.clawgate.wire.FailureClass.OVERLOADED;
import static dev.clawgate.wire.FailureClass.RATE_LIMIT;
import static dev.clawgate.wire.FailureClass.SERVER_ERROR;
import static dev.clawgate.wire.FailureClass.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.http.MalformedStreamException;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FailureClassifierTest {

    static void expect(int status, String body, FailureClass expected) {
        assertThat(FailureClassifier.classifyStatus(status, body)).as("%d %s", status, body).isEqualTo(expected);
    }

    @Test
    void authByStatusAndText() {
        expect(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****abcd.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", AUTH_PERMANENT);
        expect(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}", AUTH_PERMANENT);
        expect(403, "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"Your API key does not have permission\"}}", AUTH_PERMANENT);
        expect(401, "API key has been revoked", AUTH_PERMANENT);
        expect(403, "Your account has been deactivated", AUTH_PERMANENT);
        expect(401, "Unauthorized", AUTH);
        expect(401, "", AUTH);
        expect(403, "Forbidden", AUTH);
        expect(401, "token expired", AUTH);
        expect(403, "{\"error\":{\"message\":\"Insufficient credits. Add more using https://openrouter.ai/credits\"}}", BILLING);
        expect(401, "Your credit balance is too low", BILLING);
        expect(400, "{\"error\":{\"message\":\"API key not valid. Please pass a valid API key.\"}}", AUTH_PERMANENT);
    }

    @Test
    void billingAndSpendLimits() {
        expect(402, "Payment Required", BILLING);
        expect(402, "{\"error\":{\"message\":\"This request requires more credits\"}}", BILLING);
        expect(402, "Daily usage limit exceeded, resets at midnight", RATE_LIMIT);
        expect(402, "monthly spend limit reached", RATE_LIMIT);
        expect(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Your credit balance is too low to access the Anthropic API.\"}}", BILLING);
        expect(429, "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details.\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}", BILLING);
    }

    @Test
    void rateLimitsAndOverload() {
        expect(429, "{\"error\":{\"message\":\"Rate limit reached\"}}", RATE_LIMIT);
        expect(429, "", RATE_LIMIT);
        expect(413, "Request too large for model `llama3` in organization on tokens per minute (TPM): Limit 6000, Requested 7000", RATE_LIMIT);
        expect(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", OVERLOADED);
        expect(529, "", OVERLOADED);
        expect(503, "The engine is currently overloaded, please try again later", OVERLOADED);
        expect(503, "Service unavailable: high demand", OVERLOADED);
        expect(503, "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}", OVERLOADED);
        expect(503, "Service Unavailable", SERVER_ERROR);
        expect(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}", SERVER_ERROR);
        expect(502, "Bad Gateway", SERVER_ERROR);
        expect(504, "Gateway Timeout", SERVER_ERROR);
    }

    @Test
    void modelNotFoundIncludingLocalServerWording() {
        expect(404, "{\"error\":\"model \\\"qwen3:32b\\\" not found, try pulling it first\"}", MODEL_NOT_FOUND); // Ollama
        expect(400, "{\"error\":{\"message\":\"No models loaded. Please load a model in the developer page or use the `lms load` command.\",\"type\":\"invalid_request_error\",\"param\":\"model\",\"code\":\"model_not_found\"}}", MODEL_NOT_FOUND); // LM Studio
        expect(400, "{\"error\":\"Model qwen/qwen3-8b not found\"}", MODEL_NOT_FOUND); // LM Studio
        expect(404, "{\"object\":\"error\",\"message\":\"The model `gpt-x` does not exist.\",\"type\":\"NotFoundError\",\"param\":null,\"code\":404}", MODEL_NOT_FOUND); // vLLM
        expect(400, "{\"error\":{\"code\":400,\"message\":\"model not found\",\"type\":\"invalid_request_error\"}}", MODEL_NOT_FOUND); // llama.cpp router
        expect(404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude-9\"}}", MODEL_NOT_FOUND);
        expect(404, "{\"error\":{\"message\":\"No endpoints found for moonshotai/kimi-k9.\",\"code\":404}}", MODEL_NOT_FOUND);
        expect(404, "File Not Found", MODEL_NOT_FOUND); // llama-server without /v1/responses
        expect(404, "", MODEL_NOT_FOUND);
        expect(500, "{\"error\":\"model 'llama9' not found\"}", MODEL_NOT_FOUND);
    }

    @Test
    void contextOverflowOfEveryServer() {
        String[] overflows = {
            "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}",
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 208000 tokens > 200000 maximum\"}}",
            "{\"object\":\"error\",\"message\":\"This model's maximum context length is 32768 tokens. However, you requested 33077 tokens (1077 in the messages, 32000 in the completion).\",\"type\":\"BadRequestError\",\"code\":400}",
            "{\"object\":\"error\",\"message\":\"The input (40000 tokens) is longer than the model's context length (32768 tokens).\"}",
            "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size, try increasing it\",\"type\":\"exceed_context_size_error\"}}",
            "{\"error\":\"Trying to keep the first 5000 tokens when context the overflows. However, the model is loaded with context length of 4096 tokens, which is not enough.\"}",
            "{\"error\":\"Error: context length exceeded\"}",
            "{\"error\":\"the input length exceeds the context length\"}",
        };
        for (String body : overflows) {
            expect(400, body, CONTEXT_OVERFLOW);
            assertThat(FailureClassifier.isContextOverflow(body)).isTrue();
        }
        expect(500, overflows[4], CONTEXT_OVERFLOW); // older llama.cpp answered 500
        expect(404, overflows[6], CONTEXT_OVERFLOW);
        assertThat(FailureClassifier.classifyText("prompt is too long: 5 tokens > 4 maximum", UNKNOWN)).isEqualTo(CONTEXT_OVERFLOW);
    }

    @Test
    void rateLimitTextThatMentionsTokensIsNotAnOverflow() {
        String tpm = "Request too large for gpt-4o on tokens per min (TPM): Limit 30000, Requested 50000. The input or output tokens must be reduced.";
        assertThat(FailureClassifier.isContextOverflow(tpm)).isFalse();
        assertThat(FailureClassifier.isContextOverflow("exceeds the context window: rate limit tokens per day")).isFalse();
        assertThat(FailureClassifier.isContextOverflow("Model context window too small (4096 tokens). Minimum is 16000.")).isFalse();
    }

    @Test
    void badRequestsAndOthers() {
        expect(400, "{\"error\":{\"message\":\"Invalid value for 'temperature'\",\"type\":\"invalid_request_error\"}}", BAD_REQUEST);
        expect(422, "{\"detail\":[{\"msg\":\"field required\"}]}", BAD_REQUEST);
        expect(400, "", UNKNOWN);
        expect(418, "teapot", BAD_REQUEST);
        expect(302, "", UNKNOWN);
    }

    @Test
    void textOnlyClassificationForInStreamErrors() {
        assertThat(FailureClassifier.classifyText("overloaded_error: Overloaded", SERVER_ERROR)).isEqualTo(OVERLOADED);
        assertThat(FailureClassifier.classifyText("rate_limit_error: Number of request tokens has exceeded your per-minute rate limit", SERVER_ERROR)).isEqualTo(RATE_LIMIT);
        assertThat(FailureClassifier.classifyText("api_error: Internal server error", UNKNOWN)).isEqualTo(SERVER_ERROR);
        assertThat(FailureClassifier.classifyText("something odd", UNKNOWN)).isEqualTo(UNKNOWN);
    }

    @Test
    void contextNumbersFromEachServersMessage() {
        assertThat(ContextSize.parse("This model's maximum context length is 32768 tokens. However, you requested 33077 tokens (1077 in the messages, 32000 in the completion)."))
                .contains(new ContextSize(32768, 33077));
        assertThat(ContextSize.parse("This model's maximum context length is 128000 tokens. However, your messages resulted in 130,512 tokens."))
                .contains(new ContextSize(128000, 130512));
        assertThat(ContextSize.parse("This model's maximum context length is 4096 tokens. However, your request has 5000 input tokens."))
                .contains(new ContextSize(4096, 5000));
        assertThat(ContextSize.parse("'max_tokens' is too large: 4000. This model's maximum context length is 4096 tokens and your request has 200 input tokens (4000 > 4096 - 200)."))
                .contains(new ContextSize(4096, 4200));
        assertThat(ContextSize.parse("prompt is too long: 208000 tokens > 200000 maximum")).contains(new ContextSize(200000, 208000));
        assertThat(ContextSize.parse("The input (40000 tokens) is longer than the model's context length (32768 tokens)."))
                .contains(new ContextSize(32768, 40000));
        assertThat(ContextSize.parse("request (5000 tokens) exceeds the available context size (4096 tokens), try increasing it"))
                .contains(new ContextSize(4096, 5000));
        assertThat(ContextSize.parse("{\"error\":{\"message\":\"the request exceeds the available context size\",\"n_prompt_tokens\":9000,\"n_ctx\":8192}}"))
                .contains(new ContextSize(8192, 9000));
        assertThat(ContextSize.parse("Trying to keep the first 5000 tokens when context the overflows. However, the model is loaded with context length of 4096 tokens, which is not enough."))
                .contains(new ContextSize(4096, 5000));
        assertThat(ContextSize.parse("Prompt contains 40000 tokens and 0 draft tokens, too large for model with 32768 maximum context length"))
                .contains(new ContextSize(32768, 40000));
        assertThat(ContextSize.parse("context length exceeded")).isEmpty();
        assertThat(FailureClassifier.contextSize("the model's context window is 8192 tokens")).contains(new ContextSize(8192, 0));
    }

    @Test
    void transportExceptions() {
        assertThat(cls(new ConnectException("Connection refused"), false)).isEqualTo(FailureClass.CONNECTION_REFUSED);
        assertThat(cls(new ExecutionException(new ConnectException(null)), false)).isEqualTo(FailureClass.CONNECTION_REFUSED);
        assertThat(cls(new HttpConnectTimeoutException("HTTP connect timed out"), false)).isEqualTo(FailureClass.CONNECTION_REFUSED);
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new UnresolvedAddressException());
        assertThat(cls(unresolved, false)).isEqualTo(FailureClass.DNS);
        assertThat(cls(new UnknownHostException("x.invalid"), false)).isEqualTo(FailureClass.DNS);
        assertThat(cls(new IOException("wrapped", new SSLHandshakeException("PKIX path building failed")), false)).isEqualTo(FailureClass.TLS);
        assertThat(cls(new HttpTimeoutException("request timed out"), false)).isEqualTo(FailureClass.FIRST_BYTE_TIMEOUT);
        assertThat(cls(new SocketException("Connection reset"), false)).isEqualTo(FailureClass.CONNECTION_RESET);
        assertThat(cls(new IOException("Broken pipe"), false)).isEqualTo(FailureClass.CONNECTION_RESET);
        assertThat(cls(new EOFException("EOF reached while reading"), false)).isEqualTo(FailureClass.CONNECTION_RESET);
        assertThat(cls(new EOFException("EOF reached while reading"), true)).isEqualTo(FailureClass.STREAM_INTERRUPTED);
        assertThat(cls(new ReadTimeoutException(FailureClass.IDLE_TIMEOUT, "idle"), true)).isEqualTo(FailureClass.IDLE_TIMEOUT);
        assertThat(cls(new ReadTimeoutException(FailureClass.DEADLINE, "deadline"), true)).isEqualTo(FailureClass.DEADLINE);
        assertThat(cls(new ResponseClosedException(), true)).isEqualTo(FailureClass.CLIENT_CANCELLED);
        assertThat(cls(new MalformedStreamException("too long"), true)).isEqualTo(FailureClass.MALFORMED_RESPONSE);
        assertThat(cls(new IOException(new InterruptedException()), true)).isEqualTo(FailureClass.CLIENT_CANCELLED);
        assertThat(cls(new IllegalStateException("?"), true)).isEqualTo(FailureClass.UNKNOWN);
    }

    private static FailureClass cls(Throwable t, boolean started) {
        return FailureClassifier.fromTransport(t, started, "127.0.0.1:1").failure();
    }

    @Test
    void malformedHelperForAdapters() {
        UpstreamException html = FailureClassifier.malformed("text/html", "<html><title>Sign in</title>");
        assertThat(html.failure()).isEqualTo(FailureClass.MALFORMED_RESPONSE);
        assertThat(html.getMessage()).isEqualTo("200 HTML page instead of an API response: Sign in");
        assertThat(FailureClassifier.malformed("application/json", "not json at all").getMessage())
                .isEqualTo("200 response that is not the expected protocol (application/json): not json at all");
        assertThat(FailureClassifier.isMalformed("application/json", "  <!DOCTYPE html>")).isTrue();
        assertThat(FailureClassifier.isMalformed("text/event-stream", "data: {}")).isFalse();
    }

    @Test
    void messagesAreExtractedTrimmedAndCapped() {
        assertThat(UpstreamErrorMessage.extract(400, "application/json", "{\"detail\":\"Not Found\"}")).isEqualTo("Not Found");
        assertThat(UpstreamErrorMessage.extract(422, "application/json", "{\"detail\":[{\"loc\":[\"body\"],\"msg\":\"field required\"}]}"))
                .isEqualTo("field required");
        assertThat(UpstreamErrorMessage.extract(500, "text/plain", "  line one\n\n  line two  ")).isEqualTo("line one line two");
        assertThat(UpstreamErrorMessage.extract(503, "text/html", "<html><body><h1>Service   Unavailable</h1></body></html>"))
                .isEqualTo("503 HTML error page: Service Unavailable");
        String cut = "{\"error\":{\"message\":\"" + "x".repeat(500) + "\",\"type\":\"big\"}}".substring(0, 10);
        assertThat(UpstreamErrorMessage.extract(400, "application/json", "{\"error\":{\"message\":\"short\",\"type\":\"t\"")).isEqualTo("short");
        assertThat(UpstreamErrorMessage.extract(400, "application/json", cut)).hasSize(UpstreamErrorMessage.MAX_CHARS).endsWith("…");
        assertThat(UpstreamErrorMessage.extract(400, "application/json", "{\"error\":{\"type\":\"invalid_request_error\"}}"))
                .isEqualTo("invalid_request_error");
    }

    @Test
    void retryAfterForms() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse(null, "30", clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(null, "1.5", clock)).isEqualTo(Duration.ofMillis(1500));
        assertThat(RetryAfter.parse("250.5", "30", clock)).isEqualTo(Duration.ofNanos(250_500_000));
        assertThat(RetryAfter.parse(null, "Thu, 01 Jan 2026 00:01:00 GMT", clock)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse(null, "Wed, 31 Dec 2025 23:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse(null, "soon", clock)).isNull();
        assertThat(RetryAfter.parse("x", null, clock)).isNull();
        assertThat(RetryAfter.parse(null, "99999999", clock)).isEqualTo(RetryAfter.MAX);
    }

    @Test
    void secretsAreRedacted() {
        assertThat(SecretRedactor.redact("bad key abcdefgh12345 here", List.of("abcdefgh12345"))).isEqualTo("bad key [redacted] here");
        assertThat(SecretRedactor.redact("key sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAA rejected", List.of())).doesNotContain("AAAA");
        assertThat(SecretRedactor.redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x", List.of())).doesNotContain("eyJ");
    }
}
