package dev.labauth.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stream handler named in a template runs as the runtime runs one: bytes in, bytes out, a throw is Lambda's error object. */
class LambdaRuntimeStreamTest {

    /** Echoes the event upper-cased; "fail" throws as an authorizer's 401 does; "io" fails to write. */
    public static final class Echo implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (event.contains("fail")) {
                throw new IllegalStateException("Unauthorized");
            }
            if (event.contains("io")) {
                throw new IOException("broken pipe");
            }
            out.write((context.getFunctionName() + ":" + event.toUpperCase()).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theEventsBytesGoInAndWhatTheHandlerWritesComesOut() {
        LambdaRuntime.Function<?, ?> f = LambdaRuntime.load("Echo", Echo.class.getName() + "::handleRequest", Map.of());

        LambdaRuntime.Result result = f.invoke("{\"a\":\"b\"}");

        assertThat(result.failed()).isFalse();
        assertThat(result.json()).isEqualTo("Echo:{\"A\":\"B\"}");
    }

    @Test
    void aThrowIsLambdasErrorObject() throws Exception {
        LambdaRuntime.Function<?, ?> f = LambdaRuntime.load("Echo", Echo.class.getName(), Map.of());

        LambdaRuntime.Result unauthorized = f.invoke("\"fail\"");
        LambdaRuntime.Result io = f.invoke("\"io\"");

        assertThat(unauthorized.failed()).isTrue();
        assertThat(unauthorized.errorMessage()).isEqualTo("Unauthorized");
        assertThat(JSONObjectUtils.parse(unauthorized.json())).containsEntry("errorType", IllegalStateException.class.getName());
        assertThat(io.failed()).isTrue();
        assertThat(io.errorMessage()).isEqualTo("broken pipe");
    }

    @Test
    void aClassThatIsNoHandlerIsRefused() {
        assertThatThrownBy(() -> LambdaRuntime.load("X", String.class.getName(), Map.of()))
                .hasMessageContaining("neither a RequestHandler nor a RequestStreamHandler");
    }
}
