package dev.clawgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.catalog.DataPolicy;
import dev.clawgate.routing.RouteOptions;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An agent turn started by an API client runs under the client's key, request id and data policy. */
class AgentCallerOptionsTest {

    @Test
    void theStricterOfTheAgentsAndTheKeysRegionsHoldsAndTheCallIsAttributedToTheKey() {
        RouteOptions agent = new RouteOptions(null, new DataPolicy(Set.of("eu", "us", "local"), false))
                .forAgent("main");
        RouteOptions caller = new RouteOptions(null, new DataPolicy(Set.of("eu", "local"), true))
                .forKey("ci").forRequest("req-1");

        RouteOptions turn = AgentTargetRouter.asCaller(agent, caller);

        assertThat(turn.agentId()).isEqualTo("main");
        assertThat(turn.keyId()).isEqualTo("ci");
        assertThat(turn.requestId()).isEqualTo("req-1");
        assertThat(turn.dataPolicy().regions()).containsExactlyInAnyOrder("eu", "local");
        assertThat(turn.dataPolicy().denyDataCollection()).isTrue();
    }

    @Test
    void aCallerWithoutKeyOrPolicyLeavesTheAgentsOptionsAsTheyAre() {
        RouteOptions agent = new RouteOptions(null, DataPolicy.LOCAL_ONLY).forAgent("diary");
        assertThat(AgentTargetRouter.asCaller(agent, RouteOptions.DEFAULT)).isEqualTo(agent);
    }
}
