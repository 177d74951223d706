package dev.clawgate.cli;

/** Process exit codes of every {@code clawgate} command. */
final class ExitCodes {

    static final int OK = 0;
    /** The configuration is invalid, or the command line is. */
    static final int INVALID = 1;
    /** A model some chain uses has no credential (its provider's key is not set). */
    static final int MISSING_CREDENTIALS = 2;

    private ExitCodes() {}
}
