package dev.labauth.core.config;

import java.util.List;
import java.util.Map;

/**
 * How every Lab Auth setting is read from the environment, whichever module owns it: unset or blank
 * means the default, values are trimmed, and a bad value is added to the problems reported together
 * at start-up (its default stands in until then).
 */
public final class EnvironmentValues {
    private EnvironmentValues() {
    }

    /** The trimmed value, or null when the variable is unset or blank. */
    public static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when unset, or when wrong (then a problem is added). */
    public static long wholeNumber(Map<String, String> env, String name, long fallback, long min, long max,
            List<String> problems) {
        String raw = value(env, name);
        if (raw == null) {
            return fallback;
        }
        long v;
        try {
            v = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            problems.add(name + " '" + raw + "' is not a whole number");
            return fallback;
        }
        if (v < min || v > max) {
            problems.add(name + " is " + v + "; it must be between " + min + " and " + max);
            return fallback;
        }
        return v;
    }
}
