package dev.clawgate.bench;

import java.util.Arrays;

/** Entry point of the benchmark tools: {@code java -jar clawgate-bench.jar <command> [options]}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: upstream|stream|streams|startup|openloop|report|jfr-summary [options]  (see bench/README.md)");
            System.exit(2);
        }
        switch (args[0]) {
            case "upstream" -> Upstream.main(Arrays.copyOfRange(args, 1, args.length));
            case "stream" -> Load.stream(new Load.Opts(args, 1));
            case "streams" -> Load.streams(new Load.Opts(args, 1));
            case "startup" -> Load.startup(new Load.Opts(args, 1));
            case "openloop" -> OpenLoop.run(new Load.Opts(args, 1));
            case "report" -> Report.main(new Load.Opts(args, 1));
            case "jfr-summary" -> JfrSummary.main(new Load.Opts(args, 1));
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }
}
