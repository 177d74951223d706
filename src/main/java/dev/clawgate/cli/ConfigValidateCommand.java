package dev.clawgate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.config.ConfigException;
import dev.clawgate.config.ConfigLoader;
import dev.clawgate.config.ConfigProblem;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clawgate config validate}: loads the configuration and checks every model reference against the
 * catalog; prints {@code OK: <file> (<reason>)} and warnings, or every problem one per line.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "Check the configuration, including that every model it names exists. Exit code 0 when "
                + "valid, 1 when not.")
final class ConfigValidateCommand implements Callable<Integer> {

    @ParentCommand
    ConfigCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--strict", description = "Treat every unset ${VAR} as an error (by default only those the "
            + "gateway needs to start are; the others make what uses them unusable, with a warning).")
    boolean strict;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CatalogSession session;
        try {
            session = CatalogSession.open(parent.main.environment(), config.path, strict);
        } catch (ConfigException e) {
            if (json) {
                out.println(Json.pretty(result(false, null, null, e.problems(), List.of())));
            } else {
                e.problems().forEach(p -> out.println(p.format()));
                out.println("Invalid config: " + count(e.problems().size(), "problem"));
            }
            out.flush();
            return ExitCodes.INVALID;
        }
        boolean valid = session.errors().isEmpty();
        if (json) {
            out.println(Json.pretty(result(valid, session.configLabel(), session.configReason(), session.errors(),
                    session.warnings())));
        } else if (valid) {
            out.println("OK: " + session.configLabel() + " (" + session.configReason() + ")");
            if (session.loaded().location().isBuiltIn()) {
                explainBuiltIn(session, out);
            }
            session.warnings().forEach(w -> out.println("warning: " + w.format()));
        } else {
            session.errors().forEach(p -> out.println(p.format()));
            session.warnings().forEach(w -> out.println("warning: " + w.format()));
            out.println("Invalid config: " + count(session.errors().size(), "problem") + " in " + session.configLabel());
        }
        out.flush();
        return valid ? ExitCodes.OK : ExitCodes.INVALID;
    }

    /** What the built-in default amounts to, so that a user without a config file knows what runs. */
    private static void explainBuiltIn(CatalogSession session, PrintWriter out) {
        out.println("No config file was found, so Clawgate uses its built-in default (OpenClaw's recommended "
                + "local setup):");
        List<ModelSpec> chain = session.catalog().defaultChain();
        for (int i = 0; i < chain.size(); i++) {
            ModelSpec m = chain.get(i);
            out.println("  " + (i == 0 ? "default  " : "fallback ") + m.ref() + " at " + m.provider().baseUrl()
                    + " (api " + m.api() + ")");
        }
        List<String> hosted = session.catalog().providers().stream()
                .filter(p -> !p.isLocal() && p.hasCredential()).map(ProviderSpec::id).toList();
        out.println("  hosted providers with a key: " + (hosted.isEmpty()
                ? "none (set ANTHROPIC_API_KEY, OPENAI_API_KEY or OPENROUTER_API_KEY to add hosted models)"
                : String.join(", ", hosted)));
        out.println("Write ~/.clawgate/clawgate.json5 or pass --config PATH to use your own. The default is:");
        out.println(indent(ConfigLoader.builtInText()));
    }

    private static ObjectNode result(boolean valid, String file, String reason, List<ConfigProblem> errors,
            List<ConfigProblem> warnings) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("valid", valid);
        root.put("file", file);
        root.put("reason", reason);
        addProblems(root.putArray("errors"), errors);
        addProblems(root.putArray("warnings"), warnings);
        return root;
    }

    private static void addProblems(ArrayNode array, List<ConfigProblem> problems) {
        for (ConfigProblem p : problems) {
            ObjectNode node = array.addObject();
            node.put("file", p.file());
            node.put("line", p.line());
            node.put("column", p.column());
            node.put("path", p.path());
            node.put("message", p.message());
            node.put("hint", p.hint());
        }
    }

    private static String indent(String text) {
        return text.strip().lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
