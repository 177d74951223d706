package dev.clawgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code clawgate} command. */
@Command(name = "clawgate", mixinStandardHelpOptions = true, version = "clawgate 0.1.0",
        description = "Self-hosted AI agent gateway for local LLMs with hosted fallbacks.",
        subcommands = {GatewayCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 invalid config or usage, 2 missing credentials). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
