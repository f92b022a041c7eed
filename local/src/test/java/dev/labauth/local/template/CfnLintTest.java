package dev.labauth.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** deploy/template.yaml passes cfn-lint, where cfn-lint is installed; elsewhere the test says it was skipped. */
class CfnLintTest {

    @Test
    void theSamTemplatePassesCfnLint() throws Exception {
        Process version;
        try {
            version = new ProcessBuilder("cfn-lint", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "SKIPPED: cfn-lint is not installed here, so deploy/template.yaml was not linted");
            return;
        }
        assumeTrue(version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0,
                "SKIPPED: cfn-lint is present but does not run");

        Process lint = new ProcessBuilder("cfn-lint", Path.of("..", "deploy", "template.yaml").toString())
                .redirectErrorStream(true).start();
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(lint.exitValue()).as("cfn-lint output:%n%s", output).isZero();
    }
}
