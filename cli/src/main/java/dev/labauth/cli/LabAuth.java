package dev.labauth.cli;

import java.io.InputStream;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code labauth} command. */
@Command(name = "labauth",
        mixinStandardHelpOptions = true,
        version = "labauth 0.1.0",
        description = "Auth0 JWT authorizers for API Gateway, run and checked on one machine.",
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, DevCommand.class, ExplainCommand.class, InvokeCommand.class, TokenCommand.class, VerifyCommand.class})
public final class LabAuth {
    private final Map<String, String> env;
    private final InputStream in;

    /** The process's environment and standard input; tests give their own. */
    public LabAuth(Map<String, String> env, InputStream in) {
        this.env = Map.copyOf(env);
        this.in = in;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new LabAuth(System.getenv(), System.in)).execute(args));
    }

    public static CommandLine commandLine(LabAuth labAuth) {
        return new CommandLine(labAuth)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("labauth: " + e.getMessage());
                    return ExitCodes.USAGE;
                });
    }

    Map<String, String> env() {
        return env;
    }

    InputStream in() {
        return in;
    }
}
