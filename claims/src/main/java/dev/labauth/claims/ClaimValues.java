package dev.labauth.claims;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the values API Gateway hands a function back into what the token said. A REST API
 * stringifies every context value ({@code true} arrives as {@code "true"}, {@code 123} as
 * {@code "123"}); the HTTP API's JWT authorizer stringifies claims too and writes an array as
 * {@code "[a b]"}. The original type is lost on the way, so reading it back is a rule, stated here
 * once: exact {@code true}/{@code false} are booleans, JSON-shaped integers that fit a long are
 * longs, JSON-shaped decimals are doubles, and everything else stays a string.
 */
final class ClaimValues {
    // JSON's number grammar: no leading zeros, so an identifier such as "007" stays a string.
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern DECIMAL =
            Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+([eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ClaimValues() {
    }

    /** A context value read back: strings as the rule above says, numbers widened, booleans kept. */
    static Optional<Object> typed(Object raw) {
        if (raw == null) {
            return Optional.empty();
        }
        if (raw instanceof String s) {
            return Optional.of(fromString(s));
        }
        if (raw instanceof Boolean) {
            return Optional.of(raw);
        }
        if (raw instanceof Number n) {
            return Optional.of(number(n));
        }
        if (raw instanceof Collection<?> values) {
            return Optional.of(strings(values));
        }
        return Optional.of(String.valueOf(raw));
    }

    /** A claim from the HTTP API JWT authorizer: as {@link #typed}, and {@code "[a b]"} as a list. */
    static Optional<Object> typedJwtClaim(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.of(isBracketed(raw) ? List.copyOf(words(raw.substring(1, raw.length() - 1))) : fromString(raw));
    }

    /** The string form of an identifier, never typed: a subject of {@code "12345"} stays a string. */
    static Optional<String> text(Object raw) {
        if (raw == null) {
            return Optional.empty();
        }
        // A list where an identifier belongs names nobody; treat it as absent rather than print it.
        String s = raw instanceof Collection<?> ? "" : String.valueOf(raw).strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** A set sent as a space-separated string (the authorizer's form) or as a JSON array. */
    static Set<String> set(Object raw) {
        if (raw instanceof Collection<?> values) {
            return new LinkedHashSet<>(strings(values));
        }
        return raw == null ? Set.of() : words(String.valueOf(raw));
    }

    /** A set from a JWT authorizer claim: {@code "[a b]"} for an array, else space-separated. */
    static Set<String> jwtSet(String raw) {
        if (raw == null) {
            return Set.of();
        }
        return words(isBracketed(raw) ? raw.substring(1, raw.length() - 1) : raw);
    }

    /** {@code email_verified} and the like: a boolean only if it reads as one. */
    static Optional<Boolean> bool(Object raw) {
        return typed(raw).filter(Boolean.class::isInstance).map(Boolean.class::cast);
    }

    private static Object fromString(String s) {
        if (s.equals("true")) {
            return Boolean.TRUE;
        }
        if (s.equals("false")) {
            return Boolean.FALSE;
        }
        if (INTEGER.matcher(s).matches()) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException tooLong) {
                return s; // beyond a long: more likely an identifier than a quantity
            }
        }
        if (DECIMAL.matcher(s).matches()) {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : s;
        }
        return s;
    }

    private static Object number(Number n) {
        if (n instanceof Byte || n instanceof Short || n instanceof Integer || n instanceof Long) {
            return n.longValue();
        }
        if (n instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? (Object) big.longValue() : big.toString();
        }
        if (n instanceof BigDecimal || n instanceof Float || n instanceof Double) {
            return n.doubleValue();
        }
        return n.toString();
    }

    private static boolean isBracketed(String s) {
        return s.length() >= 2 && s.startsWith("[") && s.endsWith("]");
    }

    private static Set<String> words(String s) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : WHITESPACE.split(s.strip())) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static List<String> strings(Collection<?> values) {
        List<String> strings = new ArrayList<>();
        for (Object value : values) {
            if (value != null) {
                strings.add(String.valueOf(value));
            }
        }
        return List.copyOf(strings);
    }
}
