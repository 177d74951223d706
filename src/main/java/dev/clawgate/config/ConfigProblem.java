package dev.clawgate.config;

/**
 * One thing wrong (or worth a warning) in a configuration, located precisely.
 *
 * @param file the file, or null for the built-in default
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param path the JSON path ({@code models.providers.lmstudio.models[0].contextWindow})
 * @param message what is wrong and what was expected
 * @param hint the fix ("did you mean 'primary'?"), or null
 */
public record ConfigProblem(Severity severity, String file, int line, int column, String path, String message,
        String hint) {

    public enum Severity { ERROR, WARNING }

    /** {@code file:line:col: path: message (hint)} on one line. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
                if (column > 0) {
                    sb.append(':').append(column);
                }
            }
            sb.append(": ");
        }
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        sb.append(message);
        if (hint != null) {
            sb.append(" (").append(hint).append(')');
        }
        return sb.toString();
    }
}
