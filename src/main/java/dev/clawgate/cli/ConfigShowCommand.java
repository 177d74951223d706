package dev.clawgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.config.ConfigPaths;
import dev.clawgate.config.SourceMap;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clawgate config show}: the effective configuration (after {@code $include} and {@code ${VAR}}),
 * one value per line with where it was written. Credentials are shown as {@code <redacted>}: every path
 * {@link ConfigPaths#isSecret} names, and, as a second line of defence, any value equal to a provider's
 * resolved key (a key pasted into an unexpected field).
 */
@Command(name = "show", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "Show the effective configuration with where each value came from; secrets are redacted.")
final class ConfigShowCommand implements Callable<Integer> {

    static final String REDACTED = "<redacted>";

    @ParentCommand
    ConfigCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CatalogSession session = CatalogSession.open(parent.main.environment(), config.path);
        Set<String> knownKeys = session.catalog().providers().stream()
                .filter(p -> p.hasCredential() && !"placeholder".equals(p.apiKeySource()))
                .map(ProviderSpec::apiKey).collect(Collectors.toSet());
        out.println("# " + session.configLabel() + " (" + session.configReason() + ")");
        print(session.loaded().effective(), "", session.loaded().sources(), knownKeys, out);
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(JsonNode node, String path, SourceMap sources, Set<String> knownKeys, PrintWriter out) {
        if (!path.isEmpty() && ConfigPaths.isSecret(path)) {
            line(path, "\"" + REDACTED + "\"", sources, out); // a SecretRef object is redacted whole
            return;
        }
        if (node.isObject() && !node.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                print(field.getValue(), ConfigPaths.child(path, field.getKey()), sources, knownKeys, out);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                print(node.get(i), ConfigPaths.index(path, i), sources, knownKeys, out);
            }
        } else if (node.isTextual() && knownKeys.contains(node.asText())) {
            line(path, "\"" + REDACTED + "\"", sources, out);
        } else {
            line(path, node.toString(), sources, out);
        }
    }

    private static void line(String path, String value, SourceMap sources, PrintWriter out) {
        out.println(path + " = " + value + "  # " + sources.origin(path));
    }
}
