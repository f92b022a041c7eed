package dev.labauth.authorizer.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the one {@code Authorization} value of a request whose header names may come in any case
 * (REST keeps the client's case, HTTP APIs lower-case them). Two different values are a conflict,
 * not a choice to make.
 */
public sealed interface AuthorizationHeader {
    String NAME = "authorization";

    record Value(String value) implements AuthorizationHeader {
        @Override
        public String toString() {
            return "Value[redacted]";
        }
    }

    record Absent() implements AuthorizationHeader {
    }

    record Conflicting() implements AuthorizationHeader {
    }

    static AuthorizationHeader find(Map<String, String> headers, Map<String, List<String>> multiValueHeaders) {
        String found = null;
        if (headers != null) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (NAME.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
                    if (found != null && !found.equals(e.getValue())) {
                        return new Conflicting();
                    }
                    found = e.getValue();
                }
            }
        }
        if (multiValueHeaders != null) {
            for (Map.Entry<String, List<String>> e : multiValueHeaders.entrySet()) {
                if (!NAME.equalsIgnoreCase(e.getKey()) || e.getValue() == null) {
                    continue;
                }
                for (String v : e.getValue()) {
                    if (v == null) {
                        continue;
                    }
                    if (found != null && !Objects.equals(found, v)) {
                        return new Conflicting();
                    }
                    found = v;
                }
            }
        }
        return found == null ? new Absent() : new Value(found);
    }
}
