package dev.labauth.local.template;

import java.util.List;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Reads CloudFormation YAML: plain YAML 1.2 plus the short-form intrinsic tags, kept as {@link Intrinsic} values. */
final class CloudFormationYaml {
    private static final List<String> FUNCTIONS = List.of(
            "Ref", "GetAtt", "Sub", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or",
            "Condition", "FindInMap", "Base64", "Cidr", "ImportValue", "GetAZs", "Transform");

    private CloudFormationYaml() {
    }

    static Object load(String text, String label) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).setAllowDuplicateKeys(false).build();
        try {
            return new Load(settings, new IntrinsicConstructor(settings)).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new TemplateException(label + ": not valid YAML: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new TemplateException(label + ": nested too deeply to be a template");
        }
    }

    private static final class IntrinsicConstructor extends StandardConstructor {
        IntrinsicConstructor(LoadSettings settings) {
            super(settings);
            for (String function : FUNCTIONS) {
                tagConstructors.put(new Tag("!" + function), new ConstructIntrinsic(function));
            }
        }

        private final class ConstructIntrinsic implements ConstructNode {
            private final String function;

            ConstructIntrinsic(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                if (node instanceof ScalarNode scalar) {
                    String value = scalar.getValue();
                    // !GetAtt Resource.Attribute is the short form of [Resource, Attribute].
                    if (function.equals("GetAtt") && value.contains(".")) {
                        int dot = value.indexOf('.');
                        return new Intrinsic(function, List.of(value.substring(0, dot), value.substring(dot + 1)));
                    }
                    return new Intrinsic(function, value);
                }
                // Build the children with the ordinary constructors, as if the tag were absent.
                Tag tag = node.getTag();
                node.setTag(node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode ? Tag.SEQ : Tag.MAP);
                try {
                    return new Intrinsic(function, constructObjectNoCheck(node));
                } finally {
                    node.setTag(tag);
                }
            }
        }
    }
}
