package dev.clawgate.cli;

import dev.clawgate.agent.AgentDirectory;
import dev.clawgate.agent.AgentSpec;
import dev.clawgate.agent.AgentTools;
import dev.clawgate.agent.PromptPreview;
import dev.clawgate.agent.SystemPromptBuilder;
import dev.clawgate.agent.TurnRequest;
import dev.clawgate.agent.TurnResult;
import dev.clawgate.agent.UnknownAgentException;
import dev.clawgate.usage.TokenEstimator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code clawgate agent --message "…"}: one turn of an agent, or with {@code --dry-run} its prompt. */
@Command(name = "agent", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "Send one message to an agent and print its reply. Slash commands (/status, /model, /new, "
                + "/compact, /usage) work. --dry-run prints the exact system prompt and tool schemas with their "
                + "token count without calling a model.")
final class AgentCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    StateDirOption state;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "The message (required unless --dry-run).")
    String message;

    @Option(names = "--agent", paramLabel = "ID", description = "The agent (default: the default agent).")
    String agentId;

    @Option(names = "--session", paramLabel = "KEY",
            description = "Session: a full agent:… key or a name under the agent (default: its main session).")
    String session;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--dry-run", description = "Print the system prompt, tool schemas and their token count; call nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (dryRun) {
                return dryRun(out);
            }
            if (message == null || message.isBlank()) {
                err.println("clawgate agent: --message is required (or use --dry-run)");
                err.flush();
                return ExitCodes.INVALID;
            }
            try (AgentSession s = AgentSession.open(main.environment(), config.path, state)) {
                AgentSpec agent = s.agents.get(agentId);
                TurnResult r = s.runtime.runTurn(new TurnRequest(agent.id(), AgentSession.sessionKey(agent, session),
                        message, null, null));
                print(r, out, err);
                return ExitCodes.OK;
            }
        } catch (RuntimeException e) {
            String shown = TurnOutput.failure(e);
            if (shown == null) {
                throw e;
            }
            err.println(shown);
            err.flush();
            return ExitCodes.AGENT_FAILED;
        } finally {
            out.flush();
        }
    }

    private int dryRun(PrintWriter out) {
        CatalogSession catalog = CatalogSession.open(main.environment(), config.path);
        AgentDirectory agents = new AgentDirectory(catalog.loaded().config().agents(), catalog.catalog(),
                main.environment());
        AgentSpec agent = agents.find(agentId).orElseThrow(() -> new UnknownAgentException(agentId, agents.ids()));
        PromptPreview preview = PromptPreview.of(agent, AgentTools.standard(), new SystemPromptBuilder(),
                TokenEstimator.shared());
        out.print(json ? Json.pretty(TurnOutput.json(preview)) + "\n" : TurnOutput.text(preview));
        return ExitCodes.OK;
    }

    private void print(TurnResult r, PrintWriter out, PrintWriter err) {
        if (json) {
            out.println(Json.pretty(TurnOutput.json(r)));
            return;
        }
        if (r.fallbackNotice() != null) {
            err.println(r.fallbackNotice());
            err.flush();
        }
        if (r.reasoning() != null) {
            out.println(r.reasoning());
            out.println();
        }
        if (r.reply() != null) {
            out.println(r.reply());
        }
    }
}
