package dev.clawgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigPathsTest {

    @Test
    void buildsPathsQuotingKeysThatAreNotIdentifiers() {
        String models = ConfigPaths.child(ConfigPaths.child("agents", "defaults"), "models");
        assertThat(ConfigPaths.child(ConfigPaths.child(models, "anthropic/claude-opus-4-6"), "alias"))
                .isEqualTo("agents.defaults.models[\"anthropic/claude-opus-4-6\"].alias");
        assertThat(ConfigPaths.child(ConfigPaths.index(ConfigPaths.child("", "list"), 0), "id"))
                .isEqualTo("list[0].id");
        assertThat(ConfigPaths.child("", "a\"b")).isEqualTo("[\"a\\\"b\"]");
        assertThat(ConfigPaths.join("models", "[0].x")).isEqualTo("models[0].x");
        assertThat(ConfigPaths.join("", "x")).isEqualTo("x");
    }

    @Test
    void splitsAndFindsParents() {
        String path = "agents.defaults.models[\"a/b.c\"].alias";
        assertThat(ConfigPaths.segments(path)).containsExactly("agents", "defaults", "models", "a/b.c", "alias");
        assertThat(ConfigPaths.parent(path)).isEqualTo("agents.defaults.models[\"a/b.c\"]");
        assertThat(ConfigPaths.parent("agents.defaults.models[\"a/b.c\"]")).isEqualTo("agents.defaults.models");
        assertThat(ConfigPaths.parent("list[3]")).isEqualTo("list");
        assertThat(ConfigPaths.parent("models")).isEmpty();
        assertThat(ConfigPaths.isWithin("models.providers", "models")).isTrue();
        assertThat(ConfigPaths.isWithin("modelsX", "models")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "models.providers.anthropic.apiKey",
        "gateway.auth.token",
        "models.providers.x.headers.Authorization",
        "models.providers.x.headers[\"x-api-key\"]",
        "models.providers.x.headers[\"X-Goog-Api-Key\"]",
        "models.providers.x.models[0].headers[\"X-Session-Token\"]",
        "models.providers.x.headers[\"client-secret\"]",
    })
    void secrets(String path) {
        assertThat(ConfigPaths.isSecret(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "models.providers.anthropic.baseUrl",
        "models.providers.x.headers[\"X-Trace\"]",
        "agents.defaults.contextTokens",
        "models.providers.x.apiKey.source",
        "",
    })
    void notSecrets(String path) {
        assertThat(ConfigPaths.isSecret(path)).isFalse();
    }
}
