package dev.labauth.cli;

import dev.labauth.local.template.TemplateException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "dev",
        description = {
            "Run the lab API on this machine until interrupted, with a dev Auth0 tenant.",
            "A dev issuer shaped like the Auth0 tenant of deploy/auth0, and a local API Gateway serving",
            "deploy/template.yaml's routes through the same authorizer, access rules and functions."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by an interrupt", "2:a port is taken or the template cannot be served"})
final class DevCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    LabAuth labAuth;

    @Option(names = "--api-port", defaultValue = "3000", description = "local API Gateway port (default ${DEFAULT-VALUE})")
    int apiPort;

    @Option(names = "--issuer-port", defaultValue = "3001", description = "dev issuer port (default ${DEFAULT-VALUE})")
    int issuerPort;

    @Option(names = "--template", paramLabel = "FILE",
            description = "SAM template (default: deploy/template.yaml here, else the copy in the jar)")
    Path templateFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.start(apiPort, issuerPort, templateFile, labAuth.env(), out::println)) {
            long readyMs = (System.nanoTime() - started) / 1_000_000;
            stack.describe(out, readyMs);
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
            return ExitCodes.OK;
        } catch (IOException | TemplateException | IllegalArgumentException e) {
            err.println("labauth dev: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
