package dev.labauth.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A method and a path pattern, as API Gateway routes them: literal segments, {@code {param}} for
 * one segment, and a final greedy {@code {param+}} or {@code *} for the rest of the path. Also the
 * same route as an execute-api resource glob, where every parameter becomes {@code *}. Immutable; its
 * segments and globs are worked out once, since every request is matched against every route.
 */
public final class RoutePattern {
    public static final Set<String> METHODS = Set.of("ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /** What {@code ANY} stands for. */
    public static final List<String> VERBS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final String method;
    private final String path;
    private final List<String> segments;
    private final List<String> resourceGlobs;
    private final String requests;

    public RoutePattern(String method, String path) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        method = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("'" + method + "' is not an HTTP method (or ANY)");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path '" + path + "' must start with /");
        }
        List<String> segments = segments(path);
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (isGreedy(s) && i != segments.size() - 1) {
                throw new IllegalArgumentException("path '" + path + "': '" + s + "' may only be the last segment");
            }
            if (s.contains("*") && !s.equals("*") || s.contains("{") && !(s.startsWith("{") && s.endsWith("}"))) {
                throw new IllegalArgumentException("path '" + path + "': segment '" + s
                        + "' must be a literal, {param}, {param+} or *");
            }
        }
        this.method = method;
        this.path = path;
        this.segments = List.copyOf(segments);
        String pathGlob = pathGlob('*', '*');
        this.resourceGlobs = method.equals("ANY")
                ? VERBS.stream().map(verb -> verb + "/" + pathGlob).toList()
                : List.of(method + "/" + pathGlob);
        this.requests = (method.equals("ANY") ? String.valueOf(Globs.SEGMENT) : method) + "/"
                + pathGlob(Globs.SEGMENT, Globs.REST);
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** Parses {@code "GET /experiments/{id}"}. */
    public static RoutePattern parse(String route) {
        String r = route.strip();
        int space = r.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("route '" + route + "' must be 'METHOD /path'");
        }
        return new RoutePattern(r.substring(0, space), r.substring(space).strip());
    }

    public boolean matches(String requestMethod, String requestPath) {
        return (method.equals("ANY") || method.equalsIgnoreCase(requestMethod)) && bind(requestPath).isPresent();
    }

    /** The path parameters this pattern binds in a request path ({@code {id}} → {@code 42}), if it matches. */
    public java.util.Optional<java.util.Map<String, String>> bind(String requestPath) {
        // "/me/" and "//me" are other paths than "/me" in an execute-api ARN, so they are here too:
        // rules, gateway and policy must agree on what a path is.
        if (!requestPath.equals("/") && (requestPath.endsWith("/") || requestPath.contains("//"))) {
            return java.util.Optional.empty();
        }
        List<String> pattern = segments;
        List<String> actual = segments(requestPath);
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (isGreedy(p)) {
                if (actual.size() <= i) {
                    return java.util.Optional.empty();
                }
                String name = p.equals("*") ? "proxy" : p.substring(1, p.length() - 2);
                params.put(name, String.join("/", actual.subList(i, actual.size())));
                return java.util.Optional.of(params);
            }
            if (i >= actual.size()) {
                return java.util.Optional.empty();
            }
            if (p.startsWith("{")) {
                params.put(p.substring(1, p.length() - 1), actual.get(i));
            } else if (!p.equals(actual.get(i))) {
                return java.util.Optional.empty();
            }
        }
        return pattern.size() == actual.size() ? java.util.Optional.of(params) : java.util.Optional.empty();
    }

    /** Higher for patterns to try first: literal segments beat parameters, which beat greedy ones; a verb beats ANY. */
    public long specificity() {
        long score = 0;
        for (String s : segments) {
            score = score * 4 + (isGreedy(s) ? 1 : s.startsWith("{") ? 2 : 3);
        }
        return score * 2 + (method.equals("ANY") ? 0 : 1);
    }

    /**
     * The resource globs after {@code API/STAGE/}: {@code GET/experiments/*}. {@code ANY} becomes one
     * glob per verb: a leading {@code *} would also span into the path of other routes.
     */
    public java.util.List<String> resourceGlobs() {
        return resourceGlobs;
    }

    /** The requests this route admits, in {@link Globs}' marks: what a policy glob must not reach by accident. */
    public String requests() {
        return requests;
    }

    private String pathGlob(char parameter, char greedy) {
        StringBuilder glob = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            glob.append(isGreedy(s) ? greedy : s.startsWith("{") ? parameter : s);
            if (i < segments.size() - 1) {
                glob.append('/');
            }
        }
        return glob.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoutePattern that && method.equals(that.method) && path.equals(that.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    private static boolean isGreedy(String segment) {
        return segment.equals("*") || segment.startsWith("{") && segment.endsWith("+}");
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
