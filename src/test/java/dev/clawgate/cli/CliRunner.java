package dev.clawgate.cli;

import dev.clawgate.config.Environment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code clawgate} in-process against a fixed environment and captures its output. */
final class CliRunner {

    record Result(int exitCode, String out, String err) {
        /** The output line that starts with {@code prefix}. */
        String line(String prefix) {
            return out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in:\n" + out));
        }
    }

    private CliRunner() {}

    static Result run(Path home, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(new Main(Environment.of(env, home)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Like {@link #run} with {@code input} as standard input (for {@code clawgate chat}). */
    static Result runWithInput(Path home, Map<String, String> env, String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(new Main(Environment.of(env, home),
                new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static String example(String name) {
        return Path.of("examples", name).toAbsolutePath().toString();
    }
}
