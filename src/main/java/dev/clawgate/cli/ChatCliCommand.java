package dev.clawgate.cli;

import dev.clawgate.agent.AgentSpec;
import dev.clawgate.agent.TurnListener;
import dev.clawgate.agent.TurnRequest;
import dev.clawgate.agent.TurnResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clawgate chat}: an interactive session. Each line read from standard input is a message; the
 * reply streams as it is generated (reasoning-free). Slash commands work; {@code /exit} or end of input
 * ends the chat.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "Chat with an agent: one message per line, replies stream. /status, /model, /new, /compact, "
                + "/usage work; /exit or end of input quits.")
final class ChatCliCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    StateDirOption state;

    @Option(names = "--agent", paramLabel = "ID", description = "The agent (default: the default agent).")
    String agentId;

    @Option(names = "--session", paramLabel = "KEY",
            description = "Session: a full agent:… key or a name under the agent (default: its main session).")
    String session;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AgentSpec agent;
        try (AgentSession s = AgentSession.open(main.environment(), config.path, state)) {
            try {
                agent = s.agents.get(agentId);
            } catch (RuntimeException e) {
                err.println("⚠️ " + e.getMessage());
                err.flush();
                return ExitCodes.AGENT_FAILED;
            }
            String key = AgentSession.sessionKey(agent, session);
            out.println("Chatting with agent " + agent.id() + " (session " + key + "). /exit to quit.");
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(main.input(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                if (text.equalsIgnoreCase("/exit") || text.equalsIgnoreCase("/quit")) {
                    break;
                }
                turn(s, agent, key, text, out, err);
            }
            return ExitCodes.OK;
        }
    }

    private void turn(AgentSession s, AgentSpec agent, String key, String text, PrintWriter out, PrintWriter err) {
        StreamedLine streamed = new StreamedLine(out);
        try {
            TurnResult r = s.runtime.runTurn(new TurnRequest(agent.id(), key, text, null, streamed));
            if (r.fallbackNotice() != null) {
                streamed.endLine();
                out.println(r.fallbackNotice());
            }
            if (r.reasoning() != null) {
                streamed.endLine();
                out.println(r.reasoning());
            }
            if (!streamed.started && r.reply() != null) {
                out.print(r.reply()); // command answers and non-streamed replies
                streamed.started = true;
            }
            streamed.endLine();
        } catch (RuntimeException e) {
            String shown = TurnOutput.failure(e);
            if (shown == null) {
                throw e;
            }
            streamed.endLine();
            err.println(shown);
            err.flush();
        }
        out.flush();
    }

    /** Prints reply deltas as they arrive; reasoning previews (reasoning: stream) go in brackets. */
    private static final class StreamedLine implements TurnListener {
        private final PrintWriter out;
        boolean started;

        StreamedLine(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void replyDelta(String text) {
            out.print(text);
            out.flush();
            started = true;
        }

        @Override
        public void reasoningDelta(String text) {
            out.print("[" + text + "]");
            out.flush();
            started = true;
        }

        void endLine() {
            if (started) {
                out.println();
                started = false;
            }
        }
    }
}
