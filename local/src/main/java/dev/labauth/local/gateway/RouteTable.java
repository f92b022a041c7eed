package dev.labauth.local.gateway;

import dev.labauth.core.rules.RoutePattern;
import dev.labauth.local.template.SamTemplate.Route;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a request to a template route as API Gateway does, with the same route patterns the
 * access rules use: literal segments beat {@code {param}}, which beats a greedy {@code {proxy+}};
 * a route's own method beats {@code ANY}.
 */
final class RouteTable {
    record Match(Route route, Map<String, String> pathParameters) {
    }

    private record Entry(Route route, RoutePattern pattern) {
    }

    private final List<Entry> entries;

    RouteTable(List<Route> routes) {
        this.entries = routes.stream()
                .map(r -> new Entry(r, new RoutePattern(r.method(), r.path())))
                .sorted(Comparator.comparingLong((Entry e) -> e.pattern().specificity()).reversed())
                .toList();
    }

    Optional<Match> match(String method, String path) {
        for (Entry e : entries) {
            if (!e.pattern().method().equals(method) && !e.pattern().method().equals("ANY")) {
                continue;
            }
            Optional<Map<String, String>> params = e.pattern().bind(path);
            if (params.isPresent()) {
                return Optional.of(new Match(e.route(), params.get()));
            }
        }
        return Optional.empty();
    }
}
