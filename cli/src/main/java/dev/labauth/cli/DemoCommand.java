package dev.labauth.cli;

import dev.labauth.cli.demo.Demo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "demo",
        description = {
            "Start a dev issuer on loopback, point the authorizers at it over HTTP, send AWS's sample",
            "events with good and bad tokens through every handler and print what API Gateway would answer."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every request answered as expected", "1:at least one was not"})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return new Demo(spec.commandLine().getOut()).run() ? ExitCodes.OK : ExitCodes.REFUSED;
    }
}
