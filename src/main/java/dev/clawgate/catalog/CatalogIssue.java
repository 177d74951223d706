package dev.clawgate.catalog;

import dev.clawgate.config.ConfigProblem;

/**
 * Something the catalog finds wrong with a configuration, located by JSON path only; the CLI turns it
 * into a positioned {@link ConfigProblem} with the loader's source map.
 *
 * @param path JSON path in the loader's syntax ({@code agents.defaults.models["anthropic/x"]})
 * @param hint the fix ("did you mean anthropic/claude-sonnet-4-5?"), or null
 */
public record CatalogIssue(ConfigProblem.Severity severity, String path, String message, String hint) {

    public boolean isError() {
        return severity == ConfigProblem.Severity.ERROR;
    }

    /** As a problem without a position ({@code file} null). */
    public ConfigProblem toProblem() {
        return new ConfigProblem(severity, null, 0, 0, path, message, hint);
    }
}
