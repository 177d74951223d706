package dev.clawgate.cli;

import dev.clawgate.catalog.CatalogValidator;
import dev.clawgate.catalog.ModelCatalog;
import dev.clawgate.config.ConfigException;
import dev.clawgate.config.ConfigLoader;
import dev.clawgate.config.ConfigProblem;
import dev.clawgate.config.Environment;
import dev.clawgate.config.LoadedConfig;
import dev.clawgate.config.SourceMap;
import dev.clawgate.config.ValidationMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded configuration with its catalog and the catalog's findings positioned in the config files:
 * what every config and models command starts from.
 */
record CatalogSession(LoadedConfig loaded, ModelCatalog catalog, List<ConfigProblem> catalogProblems) {

    /** @throws ConfigException when the configuration cannot be loaded (every problem in it) */
    static CatalogSession open(Environment env, Path explicitConfig) {
        return open(env, explicitConfig, false);
    }

    /** As {@link #open(Environment, Path)}; {@code strict}: every unset {@code ${VAR}} is an error. */
    static CatalogSession open(Environment env, Path explicitConfig, boolean strict) {
        ValidationMode mode = strict ? ValidationMode.STRICT : ValidationMode.VALIDATE;
        ConfigLoader loader = new ConfigLoader(env, mode);
        LoadedConfig loaded = loader.load(loader.locate(explicitConfig));
        ModelCatalog catalog = ModelCatalog.build(loaded.config(), env);
        List<ConfigProblem> problems = CatalogValidator.problems(loaded.config(), catalog, loaded.sources(), mode);
        return new CatalogSession(loaded, catalog, problems);
    }

    /** The file as given, or {@code built-in default}. */
    String configLabel() {
        Path path = loaded.location().path();
        return path == null ? SourceMap.BUILT_IN : path.toString();
    }

    String configReason() {
        return loaded.location().reason();
    }

    List<ConfigProblem> errors() {
        return catalogProblems.stream().filter(p -> p.severity() == ConfigProblem.Severity.ERROR).toList();
    }

    /** The loader's warnings, then the catalog's. */
    List<ConfigProblem> warnings() {
        List<ConfigProblem> out = new ArrayList<>(loaded.config().warnings());
        catalogProblems.stream().filter(p -> p.severity() == ConfigProblem.Severity.WARNING).forEach(out::add);
        return out;
    }

    /** Prints a load failure, one problem per line, and returns the exit code for it. */
    static int reportLoadFailure(ConfigException e, PrintWriter err) {
        for (ConfigProblem problem : e.problems()) {
            err.println(problem.format());
        }
        err.println("Invalid config: " + e.problems().size() + " problem(s). Run 'clawgate config validate' for details.");
        err.flush();
        return ExitCodes.INVALID;
    }
}
