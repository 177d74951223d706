package dev.clawgate.config;

import java.nio.file.Path;

/**
 * Which configuration {@link ConfigLoader#locate} chose, and why.
 *
 * @param path the file, or null for the built-in default
 * @param reason how it was found: {@code "--config"}, {@code "$CLAWGATE_CONFIG"},
 *     {@code "~/.clawgate/clawgate.json5"}, {@code "OpenClaw config ~/.openclaw/openclaw.json"},
 *     {@code "built-in default (no config file found; looked at ...)"}
 */
public record ConfigLocation(Path path, String reason) {

    /** True for the built-in default configuration. */
    public boolean isBuiltIn() {
        return path == null;
    }
}
