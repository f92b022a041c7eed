package dev.labauth.cli;

import dev.labauth.authorizer.AuthorizerEngine;
import dev.labauth.cli.lambda.LambdaFunction;
import dev.labauth.local.lambda.LambdaRuntime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "invoke",
        description = {
            "Run a handler in-process as the Lambda Java runtime would: event JSON in, response JSON out.",
            "Configuration comes from the environment (AUTH0_*), as in Lambda.",
            "With --event - every line of standard input is one event, answered by one warm instance."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:answered (with --event -: every line answered)", "1:the handler threw; Lambda's error object is printed",
            "2:unknown function or unreadable event file"})
final class InvokeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    LabAuth labAuth;

    @Parameters(index = "0", paramLabel = "FUNCTION",
            description = "token-authorizer, request-authorizer, http-authorizer or http-simple-authorizer")
    String function;

    @Option(names = "--event", required = true, paramLabel = "FILE|-", description = "the event JSON, or - for JSON Lines on standard input")
    String event;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LambdaFunction<?, ?> fn = LambdaFunction.named(function).orElse(null);
        if (fn == null) {
            err.println("labauth invoke: unknown function '" + function + "'; one of: "
                    + LambdaFunction.ALL.stream().map(LambdaFunction::name).collect(Collectors.joining(", ")));
            return ExitCodes.USAGE;
        }
        LambdaRuntime.Function<?, ?> instance =
                fn.instance(AuthorizerEngine.fromEnvironment(labAuth.env(), err::println));
        if (event.equals("-")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(labAuth.in(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    out.println(instance.invoke(line).json());
                    out.flush();
                }
            }
            return ExitCodes.OK;
        }
        Path file = Path.of(event);
        if (!Files.isReadable(file)) {
            err.println("labauth invoke: cannot read event file " + file);
            return ExitCodes.USAGE;
        }
        LambdaRuntime.Result result = instance.invoke(Files.readString(file));
        out.println(result.json());
        return result.failed() ? ExitCodes.REFUSED : ExitCodes.OK;
    }
}
