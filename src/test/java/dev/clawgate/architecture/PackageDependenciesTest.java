package dev.clawgate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering the package-info files promise, checked on the sources: data flows gateway -> agent ->
 * routing -> upstream -> transport, with wire, http, config and catalog underneath and cli on top.
 */
class PackageDependenciesTest {

    private static final Path ROOT = Path.of("src/main/java/dev/clawgate");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.clawgate\\.([a-z]+)((?:\\.[a-z]+)*)", Pattern.MULTILINE);

    /** For each top-level package, the Clawgate packages it may import. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("wire", Set.of()),
            Map.entry("http", Set.of()),
            Map.entry("state", Set.of()),
            Map.entry("config", Set.of()),
            Map.entry("catalog", Set.of("config", "wire")),
            Map.entry("usage", Set.of("wire", "catalog")),
            Map.entry("upstream", Set.of("wire", "catalog", "usage", "http")),
            Map.entry("budget", Set.of("wire", "catalog", "usage", "config", "state")),
            Map.entry("ledger", Set.of("state")),
            Map.entry("routing", Set.of("wire", "config", "catalog", "upstream", "usage", "budget", "state", "ledger")),
            Map.entry("doctor", Set.of("config", "catalog", "upstream", "wire")),
            Map.entry("agent", Set.of("wire", "config", "catalog", "routing", "usage", "state", "http")),
            Map.entry("channel", Set.of("wire", "config", "catalog", "routing", "usage", "agent", "state")),
            Map.entry("console", Set.of("wire", "config", "catalog", "routing", "upstream", "usage", "ledger", "agent", "doctor", "budget", "state")),
            Map.entry("gateway", Set.of("wire", "config", "catalog", "routing", "upstream", "usage", "ledger", "agent", "doctor", "channel", "console", "budget", "state")),
            Map.entry("cli", Set.of("wire", "config", "catalog", "routing", "upstream", "usage", "ledger", "agent", "gateway", "doctor", "channel", "console", "budget", "state")));

    private static Map<String, Set<String>> imports() {
        Map<String, Set<String>> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String pkg = ROOT.relativize(f).getName(0).toString();
                try {
                    Matcher m = IMPORT.matcher(Files.readString(f));
                    while (m.find()) {
                        if (!m.group(1).equals(pkg)) {
                            found.computeIfAbsent(pkg, k -> new TreeSet<>()).add(m.group(1) + " (" + ROOT.relativize(f) + ")");
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Test
    void everyPackageImportsOnlyWhatItsLayerAllows() {
        List<String> violations = new ArrayList<>();
        imports().forEach((pkg, targets) -> {
            assertThat(ALLOWED).as("top-level package %s has no layering rule", pkg).containsKey(pkg);
            for (String t : targets) {
                if (!ALLOWED.get(pkg).contains(t.substring(0, t.indexOf(' ')))) {
                    violations.add(pkg + " -> " + t);
                }
            }
        });
        assertThat(violations).isEmpty();
    }

    /**
     * Ports low, engines high: the {@code state} package holds interfaces, and its engines
     * ({@code state.memory}, {@code state.sqlite}, {@code state.jdbc}, {@code state.redis}, ...) are chosen and
     * wired only at the top, by the gateway's runtime and the CLI. Nothing else names an engine.
     */
    @Test
    void onlyTheTopWiresAStateEngine() throws IOException {
        Pattern engineImport = Pattern.compile("^import (?:static )?dev\\.clawgate\\.state\\.[a-z]+\\.", Pattern.MULTILINE);
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Path rel = ROOT.relativize(f);
                String pkg = rel.getName(0).toString();
                if (pkg.equals("gateway") || pkg.equals("cli") || pkg.equals("state")) {
                    return;
                }
                try {
                    if (engineImport.matcher(Files.readString(f)).find()) {
                        violations.add(rel.toString());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(violations).as("files that import a state engine instead of a state interface").isEmpty();
    }

    @Test
    void inboundApisNeverTalkToUpstreamFormats() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(ROOT.resolve("gateway/openai")), Files.walk(ROOT.resolve("gateway/anthropic")))) {
            assertThat(files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains("import dev.clawgate.upstream");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList()).isEmpty();
        }
    }

    @Test
    void everyPackageSaysWhatItOwns() throws IOException {
        try (Stream<Path> dirs = Files.walk(ROOT)) {
            List<Path> missing = dirs.filter(Files::isDirectory).filter(d -> {
                try (Stream<Path> in = Files.list(d)) {
                    return in.anyMatch(f -> f.toString().endsWith(".java")) && !Files.exists(d.resolve("package-info.java"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
            assertThat(missing).isEmpty();
        }
    }
}
