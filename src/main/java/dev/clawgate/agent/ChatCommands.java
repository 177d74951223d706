package dev.clawgate.agent;

import dev.clawgate.agent.store.SessionRecord;
import dev.clawgate.agent.store.SessionStore;
import dev.clawgate.catalog.ModelSpec;
import java.util.List;

/**
 * Answers chat commands without a model call (except {@code /compact}, which summarises). Runs under the
 * session's lock, like a turn.
 */
final class ChatCommands {

    private final AgentServices services;

    ChatCommands(AgentServices services) {
        this.services = services;
    }

    TurnResult handle(ChatCommand command, AgentDirectory directory, AgentSpec agent, String key, TurnRequest request) {
        SessionStore store = services.store();
        SessionRecord session = store.ensureSession(key, agent.id());
        String reply;
        try {
            if (command.name().equals("compact")) {
                return runner(directory, agent, key, request, session).compactNow(command.argument());
            }
            reply = switch (command.name()) {
                case "new", "reset" -> reset(agent, key);
                case "model" -> model(command.argument(), directory, agent, session);
                case "status" -> runner(directory, agent, key, request, session).status(session);
                case "usage" -> SessionReport.usage(session, store.usage(key));
                default -> throw new IllegalStateException("unhandled command " + command.name());
            };
        } catch (AgentRunException e) {
            reply = "⚠️ " + e.getMessage();
        }
        return TurnResult.ofCommand(key, reply, null, null, 0);
    }

    private TurnRunner runner(AgentDirectory directory, AgentSpec agent, String key, TurnRequest request,
            SessionRecord session) {
        return new TurnRunner(services, directory, agent, key, request, session);
    }

    /** Archives the session under a suffixed key and starts an empty one under the old key. */
    private String reset(AgentSpec agent, String key) {
        SessionStore store = services.store();
        boolean hasHistory = !store.transcriptTail(key, 1).isEmpty() || !store.usage(key).isEmpty();
        if (!hasHistory) {
            store.setModelOverride(key, null);
            return "✅ New session started.";
        }
        String archived = key + ":archived:" + services.clock().millis();
        for (int n = 2; store.findSession(archived).isPresent(); n++) {
            archived = key + ":archived:" + services.clock().millis() + "-" + n;
        }
        store.archiveSession(key, archived);
        services.workingSet().forget(key);
        store.ensureSession(key, agent.id());
        return "✅ New session started. The previous conversation is kept as " + archived + ".";
    }

    private String model(String argument, AgentDirectory directory, AgentSpec agent, SessionRecord session) {
        String chain = String.join(" → ", agent.chain().stream().map(ModelSpec::ref).toList());
        if (argument.isEmpty()) {
            String current = session.modelOverride() != null
                    ? session.modelOverride() + " (picked with /model; no fallbacks)"
                    : chain + " (the agent's chain)";
            List<String> aliases = directory.catalog().aliases().keySet().stream().toList();
            return "Model: " + current + "\nChange it with /model <provider/model or alias>, or /model default."
                    + (aliases.isEmpty() ? "" : "\nAliases: " + String.join(", ", aliases));
        }
        if (argument.equalsIgnoreCase("default")) {
            services.store().setModelOverride(session.key(), null);
            return "Model: back to the agent's chain " + chain + ".";
        }
        ModelSpec model = ModelSelection.resolveAllowed(argument, directory.catalog());
        String outside = agent.dataPolicy().refusal(model);
        if (outside != null) {
            return "⚠️ " + model.ref() + " is outside agent " + agent.id() + "'s data policy (" + outside + ").";
        }
        services.store().setModelOverride(session.key(), model.ref());
        return "Model: " + model.ref() + " for this session (no fallbacks). /model default returns to " + chain + ".";
    }
}
