package dev.clawgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clawgate.upstream.transport.HttpTransport;
import dev.clawgate.upstream.transport.UpstreamHttpRequest;
import dev.clawgate.upstream.transport.UpstreamHttpResponse;
import dev.clawgate.wire.UpstreamException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class UpstreamAdaptersTest {

    private static final HttpTransport UNUSED = new HttpTransport() {
        @Override
        public UpstreamHttpResponse send(UpstreamHttpRequest request, CallOptions options) {
            throw new AssertionError("not called");
        }

        @Override
        public UpstreamException classify(IOException readFailure) {
            throw new AssertionError("not called");
        }
    };

    @Test
    void everyApiHasItsAdapter() {
        UpstreamAdapters adapters = new UpstreamAdapters(UNUSED);
        assertThat(adapters.apis()).containsExactlyInAnyOrder("openai-responses", "openai-completions",
                "anthropic-messages", "ollama", "google-generative-ai");
        for (String api : adapters.apis()) {
            assertThat(adapters.forApi(api).api()).isEqualTo(api);
        }
    }

    @Test
    void unknownApiIsAClearError() {
        UpstreamAdapters adapters = new UpstreamAdapters(UNUSED);
        assertThat(adapters.supports("bedrock-converse-stream")).isFalse();
        assertThatThrownBy(() -> adapters.forApi("bedrock-converse-stream"))
                .isInstanceOf(UpstreamAdapters.UnsupportedApiException.class)
                .hasMessageContaining("bedrock-converse-stream").hasMessageContaining("openai-completions");
    }

    @Test
    void openingSendsNothingUntilTheFirstPull() {
        UpstreamAdapters adapters = new UpstreamAdapters(UNUSED);
        for (String api : adapters.apis()) {
            var model = UpstreamFixtures.at(UpstreamFixtures.vllmCompletions(), "http://127.0.0.1:9/v1", null);
            adapters.forApi(api).open(UpstreamFixtures.conversation(), model, CallOptions.DEFAULT).close();
        }
    }
}
