package dev.clawgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clawgate.config.Environment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainSubcommandsTest {

    @TempDir
    Path home;

    private Main main() {
        return new Main(Environment.of(Map.of(), home));
    }

    @Test
    void eachSubcommandIsRegisteredUnderItsOwnAnnotatedName() {
        CommandLine all = Main.commandLine(main());

        assertThat(all.getSubcommands().keySet()).containsExactlyElementsOf(Main.SUBCOMMANDS);
        all.getSubcommands().forEach((name, sub) ->
                assertThat(sub.getCommandSpec().userObject().getClass().getAnnotation(CommandLine.Command.class).name())
                        .as(name).isEqualTo(name));
    }

    @Test
    void aCommandLineThatNamesASubcommandBuildsOnlyThatOne() {
        CommandLine gateway = Main.commandLine(main(), "gateway", "--port", "0");

        assertThat(gateway.getSubcommands().keySet()).containsExactly("gateway");
        assertThat(gateway.getSubcommands().get("gateway").getCommandSpec().optionsMap()).containsKeys("--port", "--self-test");
        assertThat(Main.commandLine(main(), "models", "list").getSubcommands().get("models").getSubcommands())
                .containsKeys("list", "status");
    }

    @Test
    void helpOptionsAndUnknownNamesGetEverySubcommand() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "gateway"}, {"gatway"}}) {
            assertThat(Main.commandLine(main(), args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(Main.SUBCOMMANDS);
        }
    }

    @Test
    void aSubcommandsErrorsKeepClawgatesExitCode() {
        CommandLine cli = Main.commandLine(main(), "gateway", "--no-such-option");
        cli.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));

        assertThat(cli.execute("gateway", "--no-such-option")).isEqualTo(ExitCodes.INVALID);
    }
}
