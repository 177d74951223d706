package dev.clawgate.cli;

import dev.clawgate.config.ConfigException;
import dev.clawgate.config.Environment;
import dev.clawgate.gateway.GatewayStartException;
import java.io.InputStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code clawgate} command. */
@Command(name = "clawgate", mixinStandardHelpOptions = true, version = "clawgate 0.1.0",
        exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "Self-hosted AI agent gateway for local LLMs with hosted fallbacks.")
public final class Main implements Runnable {

    /**
     * The subcommands' names, in the order {@code --help} lists them. Picocli reads every command's annotations
     * (reflection over ~190 classes it cannot keep in the start-up archive) when it is added, so a command line
     * that names one gets only that one: a sixth of the gateway's start-up CPU before.
     */
    static final List<String> SUBCOMMANDS = List.of("gateway", "config", "models", "doctor", "agent", "chat", "sessions",
            "token", "pairing", "usage", "dataflow", "migrate", "help");

    /**
     * A new instance of the subcommand {@code name}. A switch rather than a map of constructor references: the JDK 25
     * AOT cache's assembly crashed on a resolved reference to picocli's HelpCommand, a Java 5 class it cannot keep.
     */
    private static Object subcommand(String name) {
        return switch (name) {
            case "gateway" -> new GatewayCommand();
            case "config" -> new ConfigCommand();
            case "models" -> new ModelsCommand();
            case "doctor" -> new DoctorCommand();
            case "agent" -> new AgentCommand();
            case "chat" -> new ChatCliCommand();
            case "sessions" -> new SessionsCommand();
            case "token" -> new TokenCommand();
            case "pairing" -> new PairingCommand();
            case "usage" -> new UsageCommand();
            case "dataflow" -> new DataflowCommand();
            case "migrate" -> new MigrateCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

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
        return commandLine(new Main(), args).execute(args);
    }

    /**
     * The command line with every subcommand and Clawgate's error handling: an invalid configuration is reported,
     * every problem with its position, as exit code 1 by every command alike, and so is a gateway that cannot start.
     */
    public static CommandLine commandLine(Main main) {
        return commandLine(main, new String[0]);
    }

    /**
     * The command line for {@code args}: when they start with a subcommand's name (other than {@code help}), that
     * subcommand alone; otherwise all of them, for help, suggestions and errors that list them.
     */
    static CommandLine commandLine(Main main, String... args) {
        CommandLine cli = new CommandLine(main);
        String named = args.length > 0 && !args[0].equals("help") && SUBCOMMANDS.contains(args[0]) ? args[0] : null;
        for (String name : SUBCOMMANDS) {
            if (named == null || named.equals(name)) {
                cli.addSubcommand(name, subcommand(name));
            }
        }
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
