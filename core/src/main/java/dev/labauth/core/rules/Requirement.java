package dev.labauth.core.rules;

import dev.labauth.core.principal.Principal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a route demands of a verified caller. Names match exactly, never by prefix or substring
 * (C-18). A scope is held through {@code scope} or {@code permissions}, because Auth0 with RBAC
 * puts the same names in both; a permission only through {@code permissions}.
 */
public sealed interface Requirement {

    boolean isMetBy(Principal principal);

    /** The requirement in the rules file's own words, e.g. {@code any-of(scope:a, scope:b)}. */
    String describe();

    /** Any valid token. */
    record Authenticated() implements Requirement {
        @Override
        public boolean isMetBy(Principal principal) {
            return true;
        }

        @Override
        public String describe() {
            return "authenticated";
        }
    }

    record Scope(String name) implements Requirement {
        public Scope {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean isMetBy(Principal principal) {
            return principal.scopes().contains(name) || principal.permissions().contains(name);
        }

        @Override
        public String describe() {
            return "scope:" + name;
        }
    }

    record Permission(String name) implements Requirement {
        public Permission {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean isMetBy(Principal principal) {
            return principal.permissions().contains(name);
        }

        @Override
        public String describe() {
            return "permission:" + name;
        }
    }

    record Role(String name) implements Requirement {
        public Role {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean isMetBy(Principal principal) {
            return principal.roles().contains(name);
        }

        @Override
        public String describe() {
            return "role:" + name;
        }
    }

    record AllOf(List<Requirement> all) implements Requirement {
        public AllOf {
            all = List.copyOf(all);
            if (all.isEmpty()) {
                throw new IllegalArgumentException("all-of needs at least one requirement");
            }
        }

        @Override
        public boolean isMetBy(Principal principal) {
            return all.stream().allMatch(r -> r.isMetBy(principal));
        }

        @Override
        public String describe() {
            return all.stream().map(Requirement::describe).collect(Collectors.joining(", ", "all-of(", ")"));
        }
    }

    record AnyOf(List<Requirement> any) implements Requirement {
        public AnyOf {
            any = List.copyOf(any);
            if (any.isEmpty()) {
                throw new IllegalArgumentException("any-of needs at least one requirement");
            }
        }

        @Override
        public boolean isMetBy(Principal principal) {
            return any.stream().anyMatch(r -> r.isMetBy(principal));
        }

        @Override
        public String describe() {
            return any.stream().map(Requirement::describe).collect(Collectors.joining(", ", "any-of(", ")"));
        }
    }
}
