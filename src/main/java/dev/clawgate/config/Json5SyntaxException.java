package dev.clawgate.config;

/**
 * Text that is not JSON5. The message is {@code file:line:col: what was found, what was expected}; the
 * hint (possibly null) quotes the offending line unless that line may hold a credential.
 */
public final class Json5SyntaxException extends RuntimeException {

    private final SourcePosition position;
    private final String problem;
    private final String hint;

    public Json5SyntaxException(SourcePosition position, String problem, String hint) {
        super(position + ": " + problem + (hint == null ? "" : " (" + hint + ")"));
        this.position = position;
        this.problem = problem;
        this.hint = hint;
    }

    public SourcePosition position() {
        return position;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    public String hint() {
        return hint;
    }

    public ConfigProblem toProblem() {
        return new ConfigProblem(ConfigProblem.Severity.ERROR, position.file(), position.line(),
                position.column(), null, problem, hint);
    }
}
