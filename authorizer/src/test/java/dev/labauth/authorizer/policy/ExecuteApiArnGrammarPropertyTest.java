package dev.labauth.authorizer.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written ARN parser gives exactly the grammar's answer: the same ARNs accepted, the same parts read. */
class ExecuteApiArnGrammarPropertyTest {
    private static final String VALID = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/GET/experiments/42";

    /** What the grammar, matched as a regular expression, makes of the text. */
    private static Optional<ExecuteApiArn> byGrammar(String arn) {
        Matcher m = ExecuteApiArn.GRAMMAR.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        String method = m.group(6) == null || m.group(6).isEmpty() ? "*" : m.group(6);
        String path = m.group(7) == null ? "/" : m.group(7);
        return Optional.of(new ExecuteApiArn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), method, path));
    }

    @Property(tries = 20_000)
    void handParserAgreesWithTheGrammar(@ForAll("nearlyArns") String arn) {
        assertThat(ExecuteApiArn.parse(arn)).as("%s", arn).isEqualTo(byGrammar(arn));
    }

    @Example
    void theUsualShapes() {
        assertThat(ExecuteApiArn.parse(VALID)).contains(
                new ExecuteApiArn("aws", "us-east-1", "123456789012", "abcdef1234", "dev", "GET", "/experiments/42"));
        assertThat(ExecuteApiArn.parse("arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:a1/prod/*/*"))
                .hasValueSatisfying(a -> assertThat(a.method() + " " + a.path()).isEqualTo("* /*"));
        assertThat(ExecuteApiArn.parse("arn:aws:execute-api:us-east-1:123456789012:a1/dev"))
                .hasValueSatisfying(a -> assertThat(a.method() + " " + a.path()).isEqualTo("* /"));
        assertThat(ExecuteApiArn.parse("arn:aws:execute-api:us-east-1:123456789012:a1/dev/GET/a\nb")).isEmpty();
        assertThat(ExecuteApiArn.parse(null)).isEmpty();
    }

    /**
     * A valid ARN with a few characters replaced, inserted or deleted, drawn from the characters the
     * grammar cares about: separators, digits, case, line terminators, and others.
     */
    @Provide
    Arbitrary<String> nearlyArns() {
        Arbitrary<Character> chars = Arbitraries.of(':', '/', '-', '*', 'a', 'z', 'A', 'Z', '0', '9', ' ', '.', '\n', '\r',
                '\u0085', '\u2028', 'é', '_');
        Arbitrary<String> base = Arbitraries.of(VALID, "arn:aws:execute-api:us-east-1:123456789012:a1/dev",
                "arn:aws-cn:execute-api:cn-north-1:123456789012:Ab9/stage/POST/", "arn:aws:execute-api:r:123456789012:x/s/");
        return Combinators.combine(base, Arbitraries.integers().between(0, 3), chars.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.integers().between(0, 200), Arbitraries.integers().between(0, 2))
                .as((text, edits, with, seed, kind) -> {
                    StringBuilder s = new StringBuilder(text);
                    java.util.Random random = new java.util.Random(seed);
                    for (int i = 0; i < edits && s.length() > 0; i++) {
                        int at = random.nextInt(s.length());
                        char c = with.get(i % with.size());
                        switch (kind) {
                            case 0 -> s.setCharAt(at, c);
                            case 1 -> s.insert(at, c);
                            default -> s.deleteCharAt(at);
                        }
                    }
                    return s.toString();
                });
    }
}
