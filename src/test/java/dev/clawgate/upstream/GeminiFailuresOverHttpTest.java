package dev.clawgate.upstream;

import static dev.clawgate.upstream.AdaptersOverHttpTest.OPTIONS;
import static dev.clawgate.upstream.AdaptersOverHttpTest.drain;
import static dev.clawgate.upstream.UpstreamFixtures.at;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.upstream.transport.JdkHttpTransport;
import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.UpstreamException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gemini's error bodies, as Google sends them, classified like every other upstream's. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GeminiFailuresOverHttpTest {

    private static final String KEY = "AIzaSyStandIn-secret-key-0000000000000";

    static JdkHttpTransport transport;
    static UpstreamAdapters adapters;

    @BeforeAll
    static void start() {
        transport = new JdkHttpTransport();
        adapters = new UpstreamAdapters(transport);
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

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
            ModelSpec served = at(UpstreamFixtures.gemini(), upstream.baseUrl() + "/v1beta", KEY);
            assertThatThrownBy(() -> drain(adapters.forApi("google-generative-ai")
                    .open(UpstreamFixtures.conversation(), served, OPTIONS)))
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.failure()).isEqualTo(expected);
                        assertThat(e.getMessage()).contains(message.substring(0, 20)).doesNotContain(KEY);
                    });
        }
    }
}
