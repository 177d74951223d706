package dev.clawgate.agent;

import java.nio.file.Path;

/**
 * The child process of {@link KilledTurnTest}: runs one agent turn against the model server at
 * {@code baseUrl}, which never answers, so the process is inside the turn when the parent kills it. Not a
 * test itself. Usage: {@code TurnInFlightChild <home> <baseUrl> <message>}.
 */
final class TurnInFlightChild {

    private TurnInFlightChild() {}

    public static void main(String[] args) throws Exception {
        AgentHarness agent = new AgentHarness(Path.of(args[0]),
                AgentHarness.config(args[1], "openai-completions", 8192, 512, null));
        agent.send(args[2]);
        System.exit(2); // the turn ended: never killed in time, and the test fails on this exit code
    }
}
