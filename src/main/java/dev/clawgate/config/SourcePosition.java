package dev.clawgate.config;

/**
 * Where something was written.
 *
 * @param file the file as shown to the user (the path as resolved, or {@code "built-in default"})
 * @param line 1-based line
 * @param column 1-based column, counted in characters
 */
public record SourcePosition(String file, int line, int column) {

    /** {@code file:line:column}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
