package dev.labauth.cli;

/** The exit codes of every subcommand: 0 yes, 1 no, 2 the question itself was wrong. */
final class ExitCodes {
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
