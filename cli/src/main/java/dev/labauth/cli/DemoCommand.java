package dev.labauth.cli;

import dev.labauth.cli.demo.Demo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "demo",
        description = {
            "Show the whole thing working: good and bad requests through the local stack and every handler.",
            "Starts the local stack on free loopback ports, calls the lab API over HTTP as members, admin, guest,",
            "M2M client and with bad tokens, then runs each authorizer on AWS's sample events; prints the tables."},
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
