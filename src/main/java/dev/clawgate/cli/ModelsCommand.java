package dev.clawgate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code clawgate models}: groups {@code list} and {@code status}. */
@Command(name = "models", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "List the model catalog or show which models and credentials are in use.",
        subcommands = {ModelsListCommand.class, ModelsStatusCommand.class})
final class ModelsCommand implements Runnable {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
