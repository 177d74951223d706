package dev.clawgate.cli;

import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.config.EffectiveConfigLines;
import dev.clawgate.config.LoadedConfig;
import java.io.PrintWriter;
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

    static final String REDACTED = EffectiveConfigLines.REDACTED;

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
        print(session.loaded(), knownKeys, out);
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(LoadedConfig loaded, Set<String> knownKeys, PrintWriter out) {
        for (EffectiveConfigLines.Line line : EffectiveConfigLines.of(loaded, knownKeys)) {
            out.println(line.path() + " = " + line.value() + "  # " + line.origin());
        }
    }
}
