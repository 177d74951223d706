package dev.clawgate.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.wire.FailureClass;
import dev.clawgate.wire.StreamEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class VisibilityTest {

    private static RoutedStream routed(List<Attempt> attempts) {
        var model = attempts.get(attempts.size() - 1).modelRef().startsWith("anthropic") ? Specs.sonnet()
                : Specs.localMinimax();
        return new RoutedStream(model, attempts, new StreamEvent.Start("id", "m"), FakeAdapter.events());
    }

    @Test
    void headersNameTheAnsweringModelEveryAttemptAndTheFallbackReason() {
        RoutedStream s = routed(List.of(
                new Attempt("lmstudio/minimax-m2.1-gs32", FailureClass.CONNECTION_REFUSED, 0, "connection refused",
                        Duration.ofMillis(2), false),
                new Attempt("anthropic/claude-sonnet-4-5", null, 0, null, Duration.ofMillis(300), false)));

        assertThat(RouteHeaders.of(s)).containsEntry("x-clawgate-model", "anthropic/claude-sonnet-4-5")
                .containsEntry("x-clawgate-attempts",
                        "lmstudio/minimax-m2.1-gs32=connection-refused,anthropic/claude-sonnet-4-5=ok")
                .containsEntry("x-clawgate-fallback-reason", "connection-refused");
    }

    @Test
    void noticesOnlyOnChangeAndBack() {
        FallbackNotices notices = new FallbackNotices();
        RoutedStream fallback = routed(List.of(
                new Attempt("lmstudio/minimax-m2.1-gs32", FailureClass.FIRST_BYTE_TIMEOUT, 0, "no first byte",
                        Duration.ofMillis(300), false),
                new Attempt("anthropic/claude-sonnet-4-5", null, 0, null, Duration.ofMillis(300), false)));
        RoutedStream primary = routed(List.of(
                new Attempt("lmstudio/minimax-m2.1-gs32", null, 0, null, Duration.ofMillis(30), false)));

        assertThat(notices.update("c", primary)).isEmpty();
        assertThat(notices.update("c", fallback)).contains("↪ Model fallback: anthropic/claude-sonnet-4-5 "
                + "(selected lmstudio/minimax-m2.1-gs32; first byte timeout)");
        assertThat(notices.update("c", fallback)).isEmpty();
        assertThat(notices.update("other", primary)).isEmpty();
        assertThat(notices.update("c", primary)).contains("↪ Back on lmstudio/minimax-m2.1-gs32");
        assertThat(notices.update("c", primary)).isEmpty();
    }

    @Test
    void privacyHelper() {
        assertThat(PrivacyPolicy.isLocalOnly(dev.clawgate.config.PrivacyConfig.LOCAL_ONLY_POLICY)).isTrue();
        assertThat(PrivacyPolicy.isLocalOnly(new dev.clawgate.config.PrivacyConfig(List.of("eu"), null))).isFalse();
        assertThat(PrivacyPolicy.isLocalOnly(null)).isFalse();
        assertThat(PrivacyPolicy.apply(RouteOptions.strict(), dev.clawgate.config.PrivacyConfig.LOCAL_ONLY_POLICY))
                .isEqualTo(new dev.clawgate.routing.RouteOptions(List.of(), true));
        assertThat(PrivacyPolicy.apply(null, null)).isEqualTo(RouteOptions.DEFAULT);
    }
}
