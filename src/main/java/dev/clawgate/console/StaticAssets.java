package dev.clawgate.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The page shell and its files, from the jar, by an explicit list (nothing else on the classpath can be
 * reached through a URL). The browser libraries come from their WebJars: Preact with htm in htm's
 * standalone build (one module, no import map, so no inline script) and uPlot.
 */
final class StaticAssets {

    static final String HTM_VERSION = "3.1.1";
    static final String UPLOT_VERSION = "1.6.30";

    private static final String OWN = "dev/clawgate/console/ui/";
    private static final String[] OWN_FILES = {"index.html", "app.css", "app.js", "api.js", "views.js",
            "overview.js", "routing.js", "usage.js", "sessions.js", "chat.js", "config.js",
            "pairing.js"};

    /** One file: where it is in the jar, its type and bytes. */
    record Asset(String resource, String contentType, byte[] bytes) {}

    private final Map<String, Asset> byPath = new LinkedHashMap<>();

    /** @param basePath where the UI lives, ending in {@code /} */
    StaticAssets(String basePath) {
        for (String f : OWN_FILES) {
            String path = f.equals("index.html") ? basePath : basePath + "assets/" + f;
            add(path, OWN + f);
        }
        add(basePath + "assets/vendor/preact-htm.js",
                "META-INF/resources/_static/htm/" + HTM_VERSION + "/preact/standalone.module.js");
        add(basePath + "assets/vendor/uPlot.js", "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/uPlot.iife.min.js");
        add(basePath + "assets/vendor/uPlot.css", "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/uPlot.min.css");
    }

    Optional<Asset> get(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    Map<String, Asset> all() {
        return byPath;
    }

    private void add(String path, String resource) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Control UI file missing from the jar: " + resource
                        + " (a WebJar version in pom.xml and StaticAssets disagree?)");
            }
            byPath.put(path, new Asset(resource, contentType(resource), in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String resource) {
        if (resource.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (resource.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/javascript; charset=utf-8";
    }
}
