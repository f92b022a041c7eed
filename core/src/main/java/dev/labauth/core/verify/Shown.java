package dev.labauth.core.verify;

/** Attacker-supplied text in a description, quoted and cut short so that it can never carry a payload. */
final class Shown {
    static final int MAX = 80;

    private Shown() {
    }

    static String quoted(String value) {
        String v = value == null ? "null" : value;
        return "'" + (v.length() > MAX ? v.substring(0, MAX) + "…" : v) + "'";
    }
}
