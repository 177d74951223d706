package dev.clawgate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.ModelSpec;
import dev.clawgate.config.ConfigProblem;
import dev.clawgate.doctor.Doctor;
import dev.clawgate.doctor.Finding;
import dev.clawgate.doctor.ModelProbe;
import dev.clawgate.doctor.ServerInventory;
import dev.clawgate.upstream.UpstreamAdapters;
import dev.clawgate.upstream.transport.Http1Transport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code clawgate doctor}: what is wrong with this setup, and how to fix it. */
@Command(name = "doctor", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.INVALID,
        description = "Check the config and every provider it uses; print each problem with its fix. "
                + "Exit code 0 when nothing needs fixing, 1 otherwise.")
final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print findings as JSON.")
    boolean json;

    @Option(names = "--probe", description = "Also send one tiny real request (8 tokens) to every model in use.")
    boolean probe;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Per-check timeout (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 3;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CatalogSession session = CatalogSession.open(main.environment(), config.path);
        List<Finding> findings = new ArrayList<>();
        for (ConfigProblem p : session.errors()) {
            findings.add(new Finding(Finding.Severity.ERROR, "config", p.format(), "edit the config file at that position"));
        }
        Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        findings.addAll(new Doctor(new ServerInventory(timeout))
                .check(session.catalog(), session.loaded().config().gateway()));
        if (probe) {
            try (Http1Transport transport = new Http1Transport()) {
                ModelProbe prober = new ModelProbe(new UpstreamAdapters(transport)::forApi, timeout.multipliedBy(10));
                for (ModelSpec m : session.catalog().modelsInUse()) {
                    if (!m.provider().authAvailable()) {
                        continue; // a hosted provider without a key: reported above, never contacted
                    }
                    findings.add(prober.probe(m));
                }
            }
        }
        findings.addAll(ChannelChecks.check(session.loaded().config().channels(), main.environment()));
        if (json) {
            out.println(Json.pretty(toJson(session.configLabel(), findings)));
        } else {
            print(out, session.configLabel(), findings);
        }
        out.flush();
        return findings.stream().anyMatch(Finding::needsFixing) ? ExitCodes.INVALID : ExitCodes.OK;
    }

    private static void print(PrintWriter out, String configLabel, List<Finding> findings) {
        out.println("Config: " + configLabel);
        long problems = findings.stream().filter(Finding::needsFixing).count();
        for (Finding f : findings) {
            String mark = switch (f.severity()) {
                case ERROR -> "ERROR  ";
                case WARNING -> "WARN   ";
                case OK -> "OK     ";
            };
            out.println(mark + f.subject() + ": " + f.problem());
            if (f.fix() != null && !f.fix().isEmpty()) {
                out.println("       fix: " + f.fix());
            }
        }
        out.println(problems == 0 ? "No problems found." : problems + " problem(s) need fixing.");
    }

    private static ObjectNode toJson(String configLabel, List<Finding> findings) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("config", configLabel);
        root.put("ok", findings.stream().noneMatch(Finding::needsFixing));
        ArrayNode arr = root.putArray("findings");
        for (Finding f : findings) {
            arr.addObject().put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("subject", f.subject()).put("problem", f.problem()).put("fix", f.fix());
        }
        return root;
    }
}
