package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void suggestsCloseSpellings() {
        assertThat(Suggestions.didYouMean("primay", List.of("primary", "fallbacks")))
                .isEqualTo("did you mean 'primary'?");
        assertThat(Suggestions.didYouMean("fallbcaks", List.of("primary", "fallbacks")))
                .isEqualTo("did you mean 'fallbacks'?");
        assertThat(Suggestions.didYouMean("BaseURL", List.of("baseUrl", "apiKey"))).isEqualTo("did you mean 'baseUrl'?");
        assertThat(Suggestions.didYouMean("openai-chat", ModelsBinder.SUPPORTED_APIS))
                .isEqualTo("did you mean 'openai-completions'?");
        assertThat(Suggestions.didYouMean("anthropic", ModelsBinder.SUPPORTED_APIS))
                .isEqualTo("did you mean 'anthropic-messages'?");
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertThat(Suggestions.didYouMean("channels", List.of("models", "agents", "gateway"))).isNull();
        assertThat(Suggestions.didYouMean("openai", ModelsBinder.SUPPORTED_APIS)).isNull();
    }

    @Test
    void distanceCountsTranspositionsAsOne() {
        assertThat(Suggestions.distance("primary", "priamry")).isEqualTo(1);
        assertThat(Suggestions.distance("abc", "abc")).isZero();
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }
}
