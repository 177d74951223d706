package dev.clawgate.cli;

import dev.clawgate.config.ConfigException;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayStartException;
import java.io.InputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code clawgate} command. */
@Command(name = "clawgate", mixinStandardHelpOptions = true, version = "clawgate 0.1.0",
        exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "Self-hosted AI agent gateway for local LLMs with hosted fallbacks.",
        subcommands = {GatewayCommand.class, ConfigCommand.class, ModelsCommand.class, DoctorCommand.class,
                AgentCommand.class, ChatCliCommand.class, SessionsCommand.class, TokenCommand.class, PairingCommand.class,
                UsageCommand.class, DataflowCommand.class, MigrateCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Environment environment;
    private final InputStream input;

    /** The real process environment (and {@code .env} files). */
    public Main() {
        this(null);
    }

    /** A fixed environment, so that tests never read the real one. */
    public Main(Environment environment) {
        this(environment, null);
    }

    /** A fixed environment and standard input (for {@code clawgate chat}), for tests. */
    public Main(Environment environment, InputStream input) {
        this.environment = environment;
        this.input = input;
    }

    /** What {@code clawgate chat} reads messages from. */
    InputStream input() {
        return input != null ? input : System.in;
    }

    public static void main(String[] args) {
        boolean serving = quietUnlessServing(args);
        int code = run(args);
        if (serving) {
            System.exit(code);
        }
        // System.exit logs the exit through System.Logger (JDK 17+), and the first System.Logger initialises
        // logback: about a third of `clawgate --help`'s time. Only the gateway registers a shutdown hook, so the
        // other commands flush their output and halt.
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    /**
     * Routing decisions are logged at INFO for the gateway's operator; in a terminal conversation they would
     * drown the replies, so every other command logs warnings only (unless CLAWGATE_LOG_LEVEL says otherwise).
     * Runs before the first logger exists, which is when logback reads the level. Returns whether the command
     * serves (the gateway).
     */
    private static boolean quietUnlessServing(String[] args) {
        boolean serving = args.length > 0 && args[0].equals("gateway");
        if (!serving && System.getenv("CLAWGATE_LOG_LEVEL") == null && System.getProperty("CLAWGATE_LOG_LEVEL") == null) {
            System.setProperty("CLAWGATE_LOG_LEVEL", "WARN");
        }
        return serving;
    }

    /** Runs the command line and returns the exit code (0 ok, 1 invalid config or usage, 2 missing credentials). */
    public static int run(String... args) {
        return commandLine(new Main()).execute(args);
    }

    /**
     * The command line with Clawgate's error handling: an invalid configuration is reported, every problem
     * with its position, as exit code 1 by every command alike, and so is a gateway that cannot start.
     */
    public static CommandLine commandLine(Main main) {
        CommandLine cli = new CommandLine(main);
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            if (e instanceof ConfigException config) {
                return CatalogSession.reportLoadFailure(config, command.getErr());
            }
            if (e instanceof GatewayStartException start) {
                command.getErr().println("clawgate: " + start.getMessage());
                command.getErr().flush();
                return ExitCodes.INVALID;
            }
            throw e;
        });
        return cli;
    }

    /** The environment config is resolved against; read lazily so that {@code --help} touches nothing. */
    Environment environment() {
        return environment != null ? environment : Environment.system();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
