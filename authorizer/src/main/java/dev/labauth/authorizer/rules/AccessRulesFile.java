package dev.labauth.authorizer.rules;

import dev.labauth.core.config.InvalidConfigurationException;
import dev.labauth.core.io.BoundedRead;
import dev.labauth.core.rules.AccessRule;
import dev.labauth.core.rules.AccessRules;
import dev.labauth.core.rules.Requirement;
import dev.labauth.core.rules.RoutePattern;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads the access rules file ({@code deploy/access-rules.yaml}). The YAML is read as a node tree so
 * that every mistake — an unknown key, an empty requirement, a bad route — names its line.
 */
public final class AccessRulesFile {
    /** Environment variable naming a rules file; without it the copy bundled in the jar is used. */
    public static final String ENV = "ACCESS_RULES";
    /** The bundled copy of deploy/access-rules.yaml. */
    public static final String BUNDLED = "/access-rules.yaml";
    /** A rules file is a few kilobytes; anything past this is not one. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    /** Scope, permission and role names: anything printable but quotes, backslashes and spaces. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[^\\s\"\\\\\\p{Cntrl}]+");
    private static final Set<String> TOP_KEYS = Set.of("default", "rules");
    private static final Set<String> RULE_KEYS = Set.of("route", "require", "machines");

    private AccessRulesFile() {
    }

    /** The rules the environment names, or the bundled ones. */
    public static AccessRules fromEnvironment(Map<String, String> env) {
        String path = env.get(ENV);
        if (path != null && !path.isBlank()) {
            try {
                return parse(BoundedRead.file(Path.of(path.trim()), MAX_FILE_BYTES, "access rules file"), path.trim());
            } catch (IOException e) {
                throw new InvalidConfigurationException(List.of(ENV + ": " + e.getMessage()));
            }
        }
        return bundled();
    }

    public static AccessRules bundled() {
        try (InputStream in = AccessRulesFile.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new InvalidConfigurationException(List.of("the jar carries no " + BUNDLED + " and " + ENV + " is not set"));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "access-rules.yaml (bundled)");
        } catch (IOException e) {
            throw new InvalidConfigurationException(List.of("cannot read the bundled access rules: " + e));
        }
    }

    public static AccessRules parse(String yaml, String label) {
        Node root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(label).setAllowDuplicateKeys(false).build();
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml)));
            root = composer.getSingleNode().orElse(null);
        } catch (YamlEngineException e) {
            throw new InvalidConfigurationException(List.of(label + ": not valid YAML: " + e.getMessage()));
        } catch (StackOverflowError e) {
            // The parser recurses once per level: a file nested thousands deep is refused, not a crash.
            throw new InvalidConfigurationException(List.of(label + ": nested too deeply to be a rules file"));
        }
        Reader reader = new Reader(label);
        List<AccessRule> rules = reader.read(root);
        if (!reader.problems.isEmpty()) {
            throw new InvalidConfigurationException(reader.problems);
        }
        try {
            return new AccessRules(rules);
        } catch (InvalidConfigurationException e) {
            throw new InvalidConfigurationException(e.problems().stream().map(p -> label + ": " + p).toList());
        }
    }

    private static final class Reader {
        final String label;
        final List<String> problems = new ArrayList<>();

        Reader(String label) {
            this.label = label;
        }

        List<AccessRule> read(Node root) {
            List<AccessRule> rules = new ArrayList<>();
            if (!(root instanceof MappingNode top)) {
                problem(root, "the file must be a mapping with 'default' and 'rules'");
                return rules;
            }
            Node defaultNode = null;
            Node rulesNode = null;
            refuseDuplicateKeys(top);
            for (NodeTuple t : top.getValue()) {
                String key = scalar(t.getKeyNode());
                if (!TOP_KEYS.contains(String.valueOf(key))) {
                    problem(t.getKeyNode(), "unknown key '" + key + "' (expected " + TOP_KEYS + ")");
                } else if (key.equals("default")) {
                    defaultNode = t.getValueNode();
                } else {
                    rulesNode = t.getValueNode();
                }
            }
            if (defaultNode != null && !"deny".equals(scalar(defaultNode))) {
                problem(defaultNode, "default must be 'deny': a route no rule lists is never allowed");
            }
            if (!(rulesNode instanceof SequenceNode list) || list.getValue().isEmpty()) {
                problem(rulesNode == null ? top : rulesNode, "'rules' must be a non-empty list");
                return rules;
            }
            for (Node item : list.getValue()) {
                rule(item).ifPresent(rules::add);
            }
            return rules;
        }

        Optional<AccessRule> rule(Node node) {
            if (!(node instanceof MappingNode m)) {
                problem(node, "a rule must be a mapping with 'route' and 'require'");
                return Optional.empty();
            }
            int problemsBefore = problems.size();
            RoutePattern route = null;
            Requirement requirement = null;
            boolean machines = true;
            boolean hasRoute = false;
            boolean hasRequire = false;
            refuseDuplicateKeys(m);
            for (NodeTuple t : m.getValue()) {
                String key = scalar(t.getKeyNode());
                Node value = t.getValueNode();
                if (!RULE_KEYS.contains(String.valueOf(key))) {
                    problem(t.getKeyNode(), "unknown key '" + key + "' in a rule (expected " + RULE_KEYS + ")");
                } else if (key.equals("route")) {
                    hasRoute = true;
                    try {
                        route = RoutePattern.parse(String.valueOf(scalar(value)));
                    } catch (IllegalArgumentException e) {
                        problem(value, e.getMessage());
                    }
                } else if (key.equals("require")) {
                    hasRequire = true;
                    requirement = requirement(value);
                } else {
                    String v = scalar(value);
                    if (!"allow".equals(v) && !"deny".equals(v)) {
                        problem(value, "machines must be 'allow' or 'deny'");
                    }
                    machines = !"deny".equals(v);
                }
            }
            if (!hasRoute) {
                problem(m, "a rule needs a 'route'");
            }
            if (!hasRequire) {
                problem(m, "a rule needs a 'require'");
            }
            if (problems.size() > problemsBefore) {
                return Optional.empty();
            }
            return Optional.of(new AccessRule(route, requirement, machines, line(m)));
        }

        Requirement requirement(Node node) {
            if (node instanceof ScalarNode s) {
                if (s.getValue().equals("authenticated")) {
                    return new Requirement.Authenticated();
                }
                problem(node, "'" + s.getValue() + "' is not a requirement; write authenticated, {scope: NAME},"
                        + " {permission: NAME}, {role: NAME}, {any-of: [...]} or {all-of: [...]}");
                return null;
            }
            if (!(node instanceof MappingNode m) || m.getValue().size() != 1) {
                problem(node, "a requirement is 'authenticated' or a mapping with exactly one key");
                return null;
            }
            NodeTuple t = m.getValue().get(0);
            String kind = scalar(t.getKeyNode());
            Node value = t.getValueNode();
            switch (String.valueOf(kind)) {
                case "scope", "permission", "role" -> {
                    String name = scalar(value);
                    if (name == null || name.isBlank()) {
                        problem(value, kind + " needs a name");
                        return null;
                    }
                    if (!NAME.matcher(name).matches()) {
                        problem(value, kind + " name '" + name + "' has a quote, backslash, space or control character;"
                                + " it would break the 403 body that quotes it");
                        return null;
                    }
                    return switch (kind) {
                        case "scope" -> new Requirement.Scope(name);
                        case "permission" -> new Requirement.Permission(name);
                        default -> new Requirement.Role(name);
                    };
                }
                case "any-of", "all-of" -> {
                    if (!(value instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                        problem(value, kind + " needs a non-empty list of requirements");
                        return null;
                    }
                    List<Requirement> parts = new ArrayList<>();
                    for (Node part : seq.getValue()) {
                        Requirement r = requirement(part);
                        if (r == null) {
                            return null;
                        }
                        parts.add(r);
                    }
                    return kind.equals("any-of") ? new Requirement.AnyOf(parts) : new Requirement.AllOf(parts);
                }
                default -> {
                    problem(t.getKeyNode(), "unknown requirement '" + kind + "' (expected scope, permission, role, any-of, all-of)");
                    return null;
                }
            }
        }

        /** The composer keeps every key of a mapping; a repeated one would silently win over the first. */
        private void refuseDuplicateKeys(MappingNode mapping) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (NodeTuple t : mapping.getValue()) {
                String key = scalar(t.getKeyNode());
                if (key != null && !seen.add(key)) {
                    problem(t.getKeyNode(), "duplicate key '" + key + "'");
                }
            }
        }

        private static String scalar(Node node) {
            return node instanceof ScalarNode s ? s.getValue() : null;
        }

        private static int line(Node node) {
            return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
        }

        private void problem(Node node, String message) {
            problems.add(label + ": line " + line(node) + ": " + message);
        }
    }
}
