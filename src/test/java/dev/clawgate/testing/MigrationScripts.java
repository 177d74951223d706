package dev.clawgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How many migration scripts a schema has for an engine, read from the test classpath: tests that check
 * "every script ran once" count the scripts rather than trusting the latest version number, because versions
 * may have gaps while parallel changes land (V5 before V4).
 */
public final class MigrationScripts {

    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__.*\\.sql");

    private MigrationScripts() {}

    /** Scripts of {@code schema} for {@code engine} ({@code sqlite}, {@code postgresql}) above {@code version}. */
    public static long above(String engine, String schema, int version) {
        long count = 0;
        for (String folder : List.of("common", engine)) {
            URL url = MigrationScripts.class.getResource("/db/migration/" + folder + "/" + schema);
            if (url == null) {
                continue;
            }
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                count += files.map(f -> SCRIPT.matcher(f.getFileName().toString()))
                        .filter(Matcher::matches).filter(m -> Integer.parseInt(m.group(1)) > version).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return count;
    }

    /** All scripts of {@code schema} for {@code engine}. */
    public static long all(String engine, String schema) {
        return above(engine, schema, 0);
    }
}
