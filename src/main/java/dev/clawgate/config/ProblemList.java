package dev.clawgate.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while loading, so that all of them are reported at once. */
final class ProblemList {

    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    void add(ConfigProblem problem) {
        if (problem.severity() == ConfigProblem.Severity.ERROR) {
            errors.add(problem);
        } else {
            warnings.add(problem);
        }
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    List<ConfigProblem> errors() {
        return List.copyOf(errors);
    }

    List<ConfigProblem> warnings() {
        return List.copyOf(warnings);
    }

    /** Throws a {@link ConfigException} with every error collected so far, if there is any. */
    void throwIfErrors() {
        if (hasErrors()) {
            throw new ConfigException(errors());
        }
    }
}
