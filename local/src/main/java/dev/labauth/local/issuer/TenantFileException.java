package dev.labauth.local.issuer;

/**
 * A tenant file that cannot be used, with where and why: the message reads
 * {@code FILE:LINE: problem} (line 1-based; no line when the file as a whole is wrong).
 */
public final class TenantFileException extends RuntimeException {
    private final String file;
    private final int line;
    private final String problem;

    public TenantFileException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The file's name as given to the reader (a path, or the bundled resource's name). */
    public String file() {
        return file;
    }

    /** 1-based line of the offending node; 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
