package dev.labauth.local.issuer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One node of a YAML 1.2 document (composed by snakeyaml-engine, never turned into Java objects by
 * tag), with the file it came from and its path in the document, so that every complaint says
 * {@code FILE:LINE: path: what is wrong}.
 */
final class YamlNode {
    /** Tenant files are a few KiB; refuse anything that is clearly not one before parsing it. */
    private static final int MAX_CODE_POINTS = 1024 * 1024;

    private final String file;
    private final String path;
    private final Node node;

    private YamlNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** Parses one YAML document; syntax errors come back with snakeyaml-engine's line and column. */
    static YamlNode parse(String file, String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setMaxAliasesForCollections(20)
                .setAllowRecursiveKeys(false)
                .build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String problem = e.getProblem() == null ? String.valueOf(e.getContext()) : e.getProblem();
            throw new TenantFileException(file, mark == null ? 0 : mark.getLine() + 1,
                    "not valid YAML: " + problem + (mark == null ? "" : " (column " + (mark.getColumn() + 1) + ")"));
        } catch (YamlEngineException e) {
            throw new TenantFileException(file, 0, "not valid YAML: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw new TenantFileException(file, 0, "nested too deeply to be a tenant file");
        }
        if (root.isEmpty()) {
            throw new TenantFileException(file, 0, "the file is empty");
        }
        YamlNode top = new YamlNode(file, "", root.get());
        top.entries(); // the top level must be a mapping without duplicate keys
        return top;
    }

    String file() {
        return file;
    }

    String path() {
        return path.isEmpty() ? "(top level)" : path;
    }

    int line() {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    TenantFileException error(String problem) {
        return new TenantFileException(file, line(), path() + ": " + problem);
    }

    boolean isNull() {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** The mapping's entries in file order; a key given twice is an error at its second place. */
    Map<String, YamlNode> entries() {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping (key: value lines), found " + kind());
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            YamlNode key = new YamlNode(file, path, tuple.getKeyNode());
            if (!(tuple.getKeyNode() instanceof ScalarNode keyScalar)) {
                throw key.error("a key must be plain text");
            }
            String name = keyScalar.getValue();
            if (lines.containsKey(name)) {
                throw key.error("key '" + name + "' appears twice (first on line " + lines.get(name) + ")");
            }
            lines.put(name, key.line());
            entries.put(name, new YamlNode(file, child(name), tuple.getValueNode()));
        }
        return entries;
    }

    /** A key of this mapping; absent when missing or given with no value. */
    Optional<YamlNode> field(String key) {
        YamlNode value = entries().get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    YamlNode required(String key) {
        if (path.isEmpty()) {
            return field(key).orElseThrow(() -> new TenantFileException(file, 0, "'" + key + "' is missing at the top level"));
        }
        return field(key).orElseThrow(() -> error("'" + key + "' is missing"));
    }

    String requiredString(String key) {
        return required(key).string();
    }

    Optional<String> optionalString(String key) {
        return field(key).map(YamlNode::string);
    }

    /** The items of a sequence; a key given with no value counts as an empty list. */
    List<YamlNode> items() {
        if (isNull()) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error("expected a list (lines starting with '- '), found " + kind());
        }
        List<YamlNode> items = new ArrayList<>();
        List<Node> values = sequence.getValue();
        for (int i = 0; i < values.size(); i++) {
            items.add(new YamlNode(file, path + "[" + i + "]", values.get(i)));
        }
        return items;
    }

    List<YamlNode> listField(String key) {
        return field(key).map(YamlNode::items).orElse(List.of());
    }

    /** A plain-text value; numbers and booleans are taken as the text they are written as. */
    String string() {
        if (!(node instanceof ScalarNode scalar) || isNull()) {
            throw error("expected a text value, found " + kind());
        }
        if (scalar.getValue().isBlank()) {
            throw error("is empty");
        }
        return scalar.getValue();
    }

    boolean bool() {
        if (node instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
            return Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT));
        }
        throw error("expected true or false, found " + kind());
    }

    long integer() {
        if (node instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())) {
            try {
                return Long.parseLong(scalar.getValue());
            } catch (NumberFormatException e) {
                throw error("expected a whole number, found '" + scalar.getValue() + "'");
            }
        }
        throw error("expected a whole number, found " + kind());
    }

    private String kind() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull()) {
            return "nothing";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
