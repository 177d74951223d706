package dev.clawgate.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clawgate.catalog.CatalogValidator;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.catalog.ProviderSpec;
import dev.clawgate.config.ConfigProblem;
import dev.clawgate.config.EffectiveConfigLines;
import dev.clawgate.config.LoadedConfig;
import dev.clawgate.doctor.Doctor;
import dev.clawgate.doctor.Finding;
import dev.clawgate.doctor.ServerInventory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The config page: the effective config with secrets redacted and each value's {@code file:line:col},
 * the validation problems (warnings included), and the doctor's findings, run on request.
 */
final class ConfigReport {

    private static final Duration DOCTOR_TIMEOUT = Duration.ofSeconds(3);

    private ConfigReport() {}

    static ObjectNode config(LoadedConfig loaded, ModelCatalog catalog) {
        ObjectNode root = ConsoleJson.object();
        root.put("file", loaded.location().path() == null ? "built-in default" : loaded.location().path().toString());
        ArrayNode values = root.putArray("values");
        for (EffectiveConfigLines.Line line : EffectiveConfigLines.of(loaded, knownSecrets(catalog))) {
            values.addObject().put("path", line.path()).put("value", line.value()).put("source", line.origin());
        }
        List<ConfigProblem> problems = new ArrayList<>(loaded.config().warnings());
        problems.addAll(CatalogValidator.problems(loaded.config(), catalog, loaded.sources()));
        ArrayNode out = root.putArray("problems");
        for (ConfigProblem p : problems) {
            out.addObject().put("severity", p.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("text", p.format()).put("path", p.path());
        }
        return root;
    }

    static ObjectNode doctor(LoadedConfig loaded, ModelCatalog catalog) {
        List<Finding> findings = new Doctor(new ServerInventory(DOCTOR_TIMEOUT)).check(catalog,
                loaded.config().gateway());
        ObjectNode root = ConsoleJson.object();
        ArrayNode out = root.putArray("findings");
        for (Finding f : findings) {
            out.addObject().put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("subject", f.subject()).put("problem", f.problem()).put("fix", f.fix());
        }
        return root;
    }

    /** Resolved provider keys: redacted wherever they appear, not only under the paths known to hold secrets. */
    private static Set<String> knownSecrets(ModelCatalog catalog) {
        return catalog.providers().stream()
                .filter(p -> p.hasCredential() && !"placeholder".equals(p.apiKeySource()))
                .map(ProviderSpec::apiKey).collect(Collectors.toSet());
    }
}
