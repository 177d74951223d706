package dev.clawgate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config PATH}, shared by every command that reads the configuration. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "PATH",
            description = "Config file (default: $CLAWGATE_CONFIG, ~/.clawgate/clawgate.json5, "
                    + "$OPENCLAW_CONFIG_PATH, ~/.openclaw/openclaw.json, else the built-in default).")
    Path path;
}
