package dev.labauth.local.gateway;

import dev.labauth.local.template.SamTemplate.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a request to a route as API Gateway does: literal segments beat {@code {param}}, which beats
 * a greedy {@code {proxy+}}; a route's own method beats {@code ANY}.
 */
final class RouteTable {
    record Match(Route route, Map<String, String> pathParameters) {
    }

    private final List<Route> routes;

    RouteTable(List<Route> routes) {
        this.routes = new ArrayList<>(routes);
        this.routes.sort(Comparator.comparingInt(RouteTable::specificity).reversed());
    }

    Optional<Match> match(String method, String path) {
        List<String> segments = segments(path);
        for (Route route : routes) {
            if (!route.method().equals(method) && !route.method().equals("ANY")) {
                continue;
            }
            Map<String, String> params = bind(segments(route.path()), segments);
            if (params != null) {
                return Optional.of(new Match(route, params));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> bind(List<String> pattern, List<String> actual) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith("{") && p.endsWith("+}")) {
                if (i >= actual.size()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 2), String.join("/", actual.subList(i, actual.size())));
                return params;
            }
            if (i >= actual.size()) {
                return null;
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), actual.get(i));
            } else if (!p.equals(actual.get(i))) {
                return null;
            }
        }
        return pattern.size() == actual.size() ? params : null;
    }

    /** Higher for routes that must be tried first. */
    private static int specificity(Route route) {
        int score = 0;
        for (String s : segments(route.path())) {
            score = score * 4 + (s.endsWith("+}") ? 1 : s.startsWith("{") ? 2 : 3);
        }
        return score * 2 + (route.method().equals("ANY") ? 0 : 1);
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
