package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.agent.AgentRunException;
import dev.clawgate.agent.SessionBusyException;
import org.junit.jupiter.api.Test;

/**
 * The status an agent target's failure gets before the first byte: a session that is busy or was taken over by
 * another instance is a 409 conflict (the official SDKs retry it, and the retry is answered once the session is
 * free), while a turn that cannot run as asked stays a 400 (a retry would fail the same way).
 */
class AgentFailureStatusTest {

    private static ApiError answered(RuntimeException agentFailure) {
        return RouterErrors.upstream(AgentTargetRouter.asUpstreamFailure(agentFailure));
    }

    @Test
    void aBusyOrTakenOverSessionIsAConflictTheClientRetries() {
        ApiError busy = answered(new SessionBusyException("Session agent:main:main is busy with another message; try"
                + " again shortly.", null));
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.code()).isEqualTo("session_busy");
        assertThat(busy.message()).contains("agent:main:main is busy");

        ApiError refused = answered(new SessionBusyException("session agent:main:main was taken over by another"
                + " instance (fence 9 > 8); this turn's writes were refused", null));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("taken over by another instance (fence 9 > 8)");
    }

    @Test
    void aTurnThatCannotRunAsAskedStaysABadRequest() {
        ApiError bad = answered(new AgentRunException("Unknown command /frobnicate"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isNull();
    }
}
