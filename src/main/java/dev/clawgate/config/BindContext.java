package dev.clawgate.config;

import java.util.Collection;
import java.util.List;

/** What the binders share: where values were written and where problems go. */
final class BindContext {

    private final SourceMap sources;
    private final ProblemList problems;

    BindContext(SourceMap sources, ProblemList problems) {
        this.sources = sources;
        this.problems = problems;
    }

    SourceMap sources() {
        return sources;
    }

    void error(String path, String message, String hint) {
        problems.add(sources.error(path, message, hint));
    }

    void warning(String path, String message, String hint) {
        problems.add(sources.warning(path, message, hint));
    }

    /** A key nobody knows: an error at the key, with a suggestion among {@code known}. */
    void unknownKey(String path, String key, Collection<String> known) {
        String hint = Suggestions.didYouMean(key, known);
        if (hint == null) {
            hint = known.isEmpty() ? null : "known keys here: " + String.join(", ", known);
        }
        problems.add(sources.keyProblem(ConfigProblem.Severity.ERROR, path, "unknown key '" + key + "'", hint));
    }

    /** A key OpenClaw knows that Clawgate ignores: a warning, so an OpenClaw file still loads. */
    void openClawOnlyKey(String path, String key) {
        problems.add(sources.keyProblem(ConfigProblem.Severity.WARNING, path, "OpenClaw key '" + key
                + "' is not implemented by Clawgate and is ignored", null));
    }

    /** A value outside {@code allowed}; values in {@code openClawOnly} get a "not supported yet". */
    void badEnumValue(String path, String found, List<String> allowed, List<String> openClawOnly) {
        String choices = String.join(", ", allowed);
        if (openClawOnly.contains(found)) {
            error(path, "'" + found + "' is not supported by Clawgate yet; use one of " + choices, null);
            return;
        }
        String hint = Suggestions.didYouMean(found, allowed);
        error(path, "unknown value '" + found + "', expected one of " + choices, hint);
    }
}
