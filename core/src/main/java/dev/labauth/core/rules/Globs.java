package dev.labauth.core.rules;

/**
 * Execute-api resource globs, where {@code *} stands for any run of characters, {@code /} included,
 * set against the requests a route pattern admits. A route's requests are written with three
 * private marks: {@link #SEGMENT} (one or more characters other than {@code /}: a path parameter or
 * a verb), {@link #REST} (one or more of any character: a greedy parameter), and literals.
 */
public final class Globs {
    /** One or more characters other than {@code /}. */
    public static final char SEGMENT = '\uE001';
    /** One or more characters of any kind. */
    public static final char REST = '\uE002';

    private Globs() {
    }

    /** Whether the policy glob matches some request that the route pattern's requests include. */
    public static boolean intersect(String policyGlob, String requests) {
        return new Intersection(tokens(policyGlob, false), tokens(requests, true)).from(0, 0);
    }

    /** Whether {@code text} (a concrete method ARN) matches {@code glob}; a {@code *} in the text is literal. */
    public static boolean matches(String glob, String text) {
        return new Intersection(tokens(glob, false), literal(text)).from(0, 0);
    }

    // Tokens: a char >= 0 is a literal; the negative ones are wildcards.
    private static final int STAR = -1;      // zero or more of any character
    private static final int NON_SLASH = -2; // exactly one character other than '/'
    private static final int NON_SLASHES = -3; // zero or more characters other than '/'
    private static final int ANY_ONE = -4;   // exactly one character

    private static int[] tokens(String pattern, boolean requests) {
        int[] buffer = new int[pattern.length() * 2];
        int n = 0;
        for (char c : pattern.toCharArray()) {
            if (!requests && c == '*') {
                buffer[n++] = STAR;
            } else if (requests && c == SEGMENT) {
                buffer[n++] = NON_SLASH;
                buffer[n++] = NON_SLASHES;
            } else if (requests && c == REST) {
                buffer[n++] = ANY_ONE;
                buffer[n++] = STAR;
            } else {
                buffer[n++] = c;
            }
        }
        return java.util.Arrays.copyOf(buffer, n);
    }

    private static int[] literal(String text) {
        return text.chars().toArray();
    }

    /** Whether two token sequences share a string; memoised over positions. */
    private static final class Intersection {
        private final int[] a;
        private final int[] b;
        private final Boolean[][] memo;

        Intersection(int[] a, int[] b) {
            this.a = a;
            this.b = b;
            this.memo = new Boolean[a.length + 1][b.length + 1];
        }

        boolean from(int i, int j) {
            if (memo[i][j] != null) {
                return memo[i][j];
            }
            boolean r = compute(i, j);
            memo[i][j] = r;
            return r;
        }

        private boolean compute(int i, int j) {
            boolean aEnd = i == a.length;
            boolean bEnd = j == b.length;
            if (aEnd && bEnd) {
                return true;
            }
            // A zero-or-more token may match nothing.
            if (!aEnd && isMulti(a[i]) && from(i + 1, j)) {
                return true;
            }
            if (!bEnd && isMulti(b[j]) && from(i, j + 1)) {
                return true;
            }
            if (aEnd || bEnd) {
                return false;
            }
            // Both sides produce one more character: find one both can produce.
            int x = a[i];
            int y = b[j];
            if (!sharesACharacter(x, y)) {
                return false;
            }
            int nextI = isMulti(x) ? i : i + 1;
            int nextJ = isMulti(y) ? j : j + 1;
            if (isMulti(x) && isMulti(y)) {
                // Both repeat: the common character can be taken by either alone as well.
                return from(i + 1, j + 1) || from(i, j + 1) || from(i + 1, j);
            }
            return from(nextI, nextJ);
        }

        private static boolean isMulti(int t) {
            return t == STAR || t == NON_SLASHES;
        }

        private static boolean sharesACharacter(int x, int y) {
            if (x >= 0 && y >= 0) {
                return x == y;
            }
            if (x >= 0) {
                return admits(y, (char) x);
            }
            if (y >= 0) {
                return admits(x, (char) y);
            }
            // Two wildcards: each admits some character other than '/'.
            return true;
        }

        private static boolean admits(int wildcard, char c) {
            return wildcard == STAR || wildcard == ANY_ONE || c != '/';
        }
    }
}
