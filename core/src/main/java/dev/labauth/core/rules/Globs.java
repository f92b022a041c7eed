package dev.labauth.core.rules;

/**
 * Execute-api resource globs, where {@code *} stands for any run of characters, {@code /} included.
 * Two rules overlap when some request would match both of their globs: then a policy built for one
 * caller can apply one rule's outcome to the other's routes.
 */
public final class Globs {
    private Globs() {
    }

    /** Whether some string matches both globs. */
    public static boolean intersect(String a, String b) {
        Boolean[][] memo = new Boolean[a.length() + 1][b.length() + 1];
        return intersect(a, 0, b, 0, memo);
    }

    private static boolean intersect(String a, int i, String b, int j, Boolean[][] memo) {
        if (memo[i][j] != null) {
            return memo[i][j];
        }
        boolean result;
        if (i == a.length() && j == b.length()) {
            result = true;
        } else if (i < a.length() && a.charAt(i) == '*') {
            // The star matches nothing more, or swallows one more character of the other side.
            result = intersect(a, i + 1, b, j, memo) || j < b.length() && intersect(a, i, b, j + 1, memo);
        } else if (j < b.length() && b.charAt(j) == '*') {
            result = intersect(a, i, b, j + 1, memo) || i < a.length() && intersect(a, i + 1, b, j, memo);
        } else {
            result = i < a.length() && j < b.length() && a.charAt(i) == b.charAt(j) && intersect(a, i + 1, b, j + 1, memo);
        }
        memo[i][j] = result;
        return result;
    }

    /** Whether {@code text} matches {@code glob}. */
    public static boolean matches(String glob, String text) {
        return intersect(glob, text.replace("*", "\u0000"));
    }
}
