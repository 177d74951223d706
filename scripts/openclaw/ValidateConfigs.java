import dev.clawgate.catalog.CatalogValidator;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.config.ConfigException;
import dev.clawgate.config.ConfigLoader;
import dev.clawgate.config.ConfigLocation;
import dev.clawgate.config.ConfigProblem;
import dev.clawgate.config.Environment;
import dev.clawgate.config.LoadedConfig;
import dev.clawgate.config.ValidationMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Validates every {@code block-*.json5} of a folder the way {@code clawgate config validate} does, in one
 * JVM, with an empty environment (as at validate time on a fresh machine), and prints one JSON line per
 * block: {@code {name, errors: [...], warningKeys: [...]}}. Run by scripts/openclaw-configs.sh:
 * {@code java -cp target/clawgate.jar scripts/openclaw/ValidateConfigs.java <dir>}.
 */
public final class ValidateConfigs {

    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final Pattern QUOTED = Pattern.compile("\\[\"(?:[^\"\\\\]|\\\\.)*\"]");

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path home = Files.createTempDirectory("clawgate-home");
        Environment env = new Environment(Map.of(), home, dir);
        ConfigLoader loader = new ConfigLoader(env, ValidationMode.VALIDATE);
        List<Path> blocks;
        try (Stream<Path> files = Files.list(dir)) {
            blocks = files.filter(p -> p.getFileName().toString().endsWith(".json5")).sorted().toList();
        }
        for (Path block : blocks) {
            List<String> errors = new ArrayList<>();
            TreeSet<String> warningKeys = new TreeSet<>();
            try {
                LoadedConfig loaded = loader.load(new ConfigLocation(block, "--config"));
                ModelCatalog catalog = ModelCatalog.build(loaded.config(), env);
                List<ConfigProblem> problems = new ArrayList<>(loaded.config().warnings());
                problems.addAll(CatalogValidator.problems(loaded.config(), catalog, loaded.sources(), ValidationMode.VALIDATE));
                for (ConfigProblem p : problems) {
                    if (p.severity() == ConfigProblem.Severity.ERROR) {
                        errors.add(describe(p));
                    } else {
                        warningKeys.add(groupKey(p));
                    }
                }
            } catch (ConfigException e) {
                e.problems().forEach(p -> errors.add(describe(p)));
            } catch (RuntimeException e) {
                errors.add("crash: " + e);
            }
            System.out.println("{\"name\":" + quote(block.getFileName().toString()) + ",\"errors\":" + array(errors)
                    + ",\"warningKeys\":" + array(new ArrayList<>(warningKeys)) + "}");
        }
    }

    private static String describe(ConfigProblem p) {
        return (p.path() == null || p.path().isEmpty() ? "" : p.path() + ": ") + p.message()
                + (p.hint() == null ? "" : " (" + p.hint() + ")");
    }

    /** A warning grouped by the schema path it is about (map keys and indexes folded), or by its message. */
    private static String groupKey(ConfigProblem p) {
        if (p.path() == null || p.path().isEmpty()) {
            return p.message();
        }
        String path = INDEX.matcher(QUOTED.matcher(p.path()).replaceAll(".*")).replaceAll("[]");
        return p.message().contains("not implemented by Clawgate") ? path : path + " (" + p.message().replaceAll("\"[^\"]*\"", "\"…\"") + ")";
    }

    private static String array(List<String> items) {
        return "[" + String.join(",", items.stream().map(ValidateConfigs::quote).toList()) + "]";
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
