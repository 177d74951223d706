package dev.clawgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(5)
class ContextOverflowDetailsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "This model's maximum context length is 32768 tokens. However, you requested 33077 tokens (1077 in the messages, 32000 in the completion).|32768|33077",
        "This model's maximum context length is 128,000 tokens. However, your messages resulted in 130,512 tokens.|128000|130512",
        "The input (40000 tokens) is longer than the model's context length (32768 tokens).|32768|40000",
        "prompt is too long: 208123 tokens > 200000 maximum|200000|208123",
        "request (5000 tokens) exceeds the available context size (4096 tokens), try increasing it|4096|5000",
        "Trying to keep the first 5000 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens|4096|5000",
    })
    void readsWindowAndRequestFromServerWording(String message, int window, int requested) {
        ContextOverflowDetails d = ContextOverflowDetails.parse(message);

        assertThat(d.window()).hasValue(window);
        assertThat(d.requested()).hasValue(requested);
    }

    @Test
    void windowAloneOrNothing() {
        assertThat(ContextOverflowDetails.parse("the request exceeds the available context size (4096 tokens)").window())
                .hasValue(4096);
        assertThat(ContextOverflowDetails.parse("context length exceeded").window()).isEqualTo(OptionalInt.empty());
        assertThat(ContextOverflowDetails.parse(null).requested()).isEmpty();
    }
}
