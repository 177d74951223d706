package dev.clawgate.cli;

/** Process exit codes of every {@code clawgate} command. */
final class ExitCodes {

    static final int OK = 0;
    /** The configuration is invalid, or the command line is. */
    static final int INVALID = 1;
    /** A model some chain uses has no credential (its provider's key is not set). */
    static final int MISSING_CREDENTIALS = 2;
    /** An agent turn failed (every model failed, context overflow, unknown agent or session). */
    static final int AGENT_FAILED = 3;

    private ExitCodes() {}
}
