package dev.clawgate.agent;

import dev.clawgate.agent.store.SessionStore;
import dev.clawgate.agent.tools.Tool;
import dev.clawgate.agent.tools.ToolLoopLimits;
import dev.clawgate.routing.FallbackNotices;
import dev.clawgate.routing.ModelRouter;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** What every turn of an {@link AgentRuntime} shares. */
record AgentServices(Supplier<AgentDirectory> agents, ModelRouter router, SessionStore store, ContextLimits limits,
        FallbackNotices notices, SystemPromptBuilder prompts, Compactor compactor, List<Tool> tools,
        ToolLoopLimits loopLimits, Clock clock, SessionWorkingSet workingSet) {

    /** The same services writing through {@code turnStore} (a turn's {@link SessionStore#fencedBy fenced} store). */
    AgentServices writingTo(SessionStore turnStore) {
        return new AgentServices(agents, router, turnStore, limits, notices, prompts, compactor.writingTo(turnStore),
                tools, loopLimits, clock, workingSet);
    }
}
