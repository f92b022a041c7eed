package dev.labauth.cli;

import dev.labauth.authorizer.AuthorizerEngine;
import dev.labauth.cli.lambda.LambdaFunction;
import dev.labauth.local.lambda.LambdaRuntime;
import dev.labauth.core.io.BoundedRead;
import java.io.IOException;
import java.io.Reader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(mixinStandardHelpOptions = true, name = "invoke",
        description = {
            "Run a handler as the Lambda Java runtime would: event JSON in, response JSON out.",
            "Configuration comes from the environment (AUTH0_*), as in Lambda.",
            "With --event - every line of standard input is one event, answered by one warm instance."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:answered (with --event -: every line answered)", "1:the handler threw; Lambda's error object is printed",
            "2:unknown function or unreadable event file"})
final class InvokeCommand implements Callable<Integer> {
    /** Lambda's payload limit for a synchronous invocation. */
    static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    /** One line of JSON Lines, read no further than the payload limit (the rest of a longer line is skipped). */
    record Line(String text, boolean tooLong) {
        static Line read(Reader in) throws IOException {
            StringBuilder text = new StringBuilder();
            boolean tooLong = false;
            int c = in.read();
            if (c < 0) {
                return null;
            }
            for (; c >= 0 && c != '\n'; c = in.read()) {
                if (text.length() < MAX_EVENT_BYTES) {
                    text.append((char) c);
                } else {
                    tooLong = true;
                }
            }
            return new Line(text.toString(), tooLong);
        }
    }

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
            Reader in = new InputStreamReader(labAuth.in(), StandardCharsets.UTF_8);
            for (Line line = Line.read(in); line != null; line = Line.read(in)) {
                if (line.tooLong()) {
                    out.println("{\"errorMessage\":\"event larger than " + MAX_EVENT_BYTES
                            + " characters (Lambda's payload limit)\",\"errorType\":\"labauth.EventTooLarge\"}");
                } else if (!line.text().isBlank()) {
                    out.println(instance.invoke(line.text()).json());
                }
                out.flush();
            }
            return ExitCodes.OK;
        }
        String json;
        try {
            json = BoundedRead.file(Path.of(event), MAX_EVENT_BYTES, "event file");
        } catch (IOException e) {
            err.println("labauth invoke: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        LambdaRuntime.Result result = instance.invoke(json);
        out.println(result.json());
        return result.failed() ? ExitCodes.REFUSED : ExitCodes.OK;
    }
}
