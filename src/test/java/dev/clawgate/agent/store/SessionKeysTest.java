package dev.clawgate.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SessionKeysTest {

    @Test
    void buildsOpenClawShapedKeys() {
        assertThat(SessionKeys.main("main")).isEqualTo("agent:main:main");
        assertThat(SessionKeys.main(" Work ")).isEqualTo("agent:work:main");
        assertThat(SessionKeys.openAiUser("main", "alice@example.com")).isEqualTo("agent:main:openai-user:alice@example.com");
        assertThat(SessionKeys.named("ops", "telegram:dm:42")).isEqualTo("agent:ops:telegram:dm:42");
        assertThat(SessionKeys.agentIdOf("agent:ops:telegram:dm:42")).isEqualTo("ops");
    }

    @Test
    void refusesAmbiguousOrHostileParts() {
        assertThatThrownBy(() -> SessionKeys.main("a:b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionKeys.main("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionKeys.openAiUser("main", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionKeys.openAiUser("main", "x\ny")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionKeys.named("main", "x".repeat(201))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionKeys.agentIdOf("cron:job")).isInstanceOf(IllegalArgumentException.class);
    }
}
