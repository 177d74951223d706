package dev.clawgate.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What the binders share: where values were written and where problems go. */
final class BindContext {

    private final SourceMap sources;
    private final ProblemList problems;
    /** Keys OpenClaw has that Clawgate ignores: where each was written, by schema path, in file order. */
    private final Map<String, List<String>> ignoredKeys = new LinkedHashMap<>();
    /** Schema paths of every key a binder declared it implements (for the schema-drift test). */
    private final Set<String> implementedKeys = new TreeSet<>();

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
        unknownKey(path, key, known, known);
    }

    /** As above, suggesting among {@code candidates} (Clawgate's keys and OpenClaw's) but listing {@code known}. */
    void unknownKey(String path, String key, Collection<String> known, Collection<String> candidates) {
        String hint = Suggestions.didYouMean(key, candidates);
        if (hint == null) {
            hint = known.isEmpty() ? null : "known keys here: " + String.join(", ", known);
        }
        problems.add(sources.keyProblem(ConfigProblem.Severity.ERROR, path, "unknown key '" + key + "'", hint));
    }

    /**
     * A key OpenClaw knows that Clawgate ignores: one warning per schema path (at its first place), once
     * {@link #reportIgnoredKeys} runs, so that an OpenClaw file still loads and the output stays short.
     */
    void openClawOnlyKey(String path, String key) {
        ignoredKeys.computeIfAbsent(OpenClawKeys.schemaPath(path), k -> new ArrayList<>()).add(path);
    }

    /** Reports the keys collected by {@link #openClawOnlyKey}, one warning per key. */
    void reportIgnoredKeys() {
        ignoredKeys.forEach((schemaPath, places) -> {
            List<String> segments = ConfigPaths.segments(places.get(0));
            String key = segments.get(segments.size() - 1);
            String more = places.size() == 1 ? "" : " (here and in " + (places.size() - 1) + " more place"
                    + (places.size() == 2 ? "" : "s") + ")";
            problems.add(sources.keyProblem(ConfigProblem.Severity.WARNING, places.get(0), "OpenClaw key '" + key
                    + "' is not implemented by Clawgate and is ignored" + more, null));
        });
        ignoredKeys.clear();
    }

    /** Records that a binder implements {@code key} of the object at {@code path}. */
    void implemented(String path, String key) {
        implementedKeys.add(OpenClawKeys.child(OpenClawKeys.schemaPath(path), key));
    }

    /** The schema paths of every key the binders declared while binding (for the schema-drift test). */
    Set<String> implementedKeys() {
        return Set.copyOf(implementedKeys);
    }

    /**
     * A value outside {@code allowed}. A value OpenClaw accepts ({@code openClawOnly}, or its schema's
     * values at this path) is a warning saying that Clawgate ignores it and returns true; anything else is an
     * error with a "did you mean" and returns false.
     */
    boolean badEnumValue(String path, String found, List<String> allowed, List<String> openClawOnly) {
        String choices = String.join(", ", allowed);
        if (isOpenClawValue(path, found, openClawOnly)) {
            warning(path, "OpenClaw value '" + found + "' is not implemented by Clawgate and is ignored (Clawgate"
                    + " supports " + choices + ")", null);
            return true;
        }
        String hint = Suggestions.didYouMean(found, allowed);
        error(path, "unknown value '" + found + "', expected one of " + choices, hint);
        return false;
    }

    /** True when OpenClaw accepts {@code value} at {@code path}. */
    static boolean isOpenClawValue(String path, String value, List<String> openClawOnly) {
        return openClawOnly.contains(value) || OpenClawKeys.isOpenClawValue(OpenClawKeys.schemaPath(path), value);
    }
}
