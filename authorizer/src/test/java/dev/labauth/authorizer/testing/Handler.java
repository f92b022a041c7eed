package dev.labauth.authorizer.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import dev.labauth.authorizer.AuthorizerEngine;
import dev.labauth.authorizer.HttpApiAuthorizer;
import dev.labauth.authorizer.HttpApiSimpleAuthorizer;
import dev.labauth.authorizer.RequestAuthorizer;
import dev.labauth.authorizer.TokenAuthorizer;
import dev.labauth.authorizer.event.HttpApiAuthorizerEvent;
import dev.labauth.authorizer.event.RestRequestAuthorizerEvent;
import java.util.List;

/**
 * The four handlers, each invoked as the Lambda runtime invokes it: the event deserialised from
 * JSON into the handler's declared input type, the return value serialised from its declared type.
 */
public enum Handler {
    TOKEN("token", List.of(Sample.TOKEN_GO, Sample.TOKEN_DOCS)) {
        @Override
        Object invoke(AuthorizerEngine engine, String eventJson) {
            return new TokenAuthorizer(engine).handleRequest(
                    RuntimeJson.read(eventJson, APIGatewayCustomAuthorizerEvent.class), null);
        }
    },
    REQUEST("request", List.of(Sample.REQUEST_GO, Sample.REQUEST_DOCS, Sample.HTTP_V1_DOCS)) {
        @Override
        Object invoke(AuthorizerEngine engine, String eventJson) {
            return new RequestAuthorizer(engine).handleRequest(
                    RuntimeJson.read(eventJson, RestRequestAuthorizerEvent.class), null);
        }
    },
    HTTP("http", List.of(Sample.HTTP_V2_GO, Sample.HTTP_V2_DOCS)) {
        @Override
        Object invoke(AuthorizerEngine engine, String eventJson) {
            return new HttpApiAuthorizer(engine).handleRequest(
                    RuntimeJson.read(eventJson, HttpApiAuthorizerEvent.class), null);
        }
    },
    HTTP_SIMPLE("http-simple", List.of(Sample.HTTP_V2_GO, Sample.HTTP_V2_DOCS)) {
        @Override
        Object invoke(AuthorizerEngine engine, String eventJson) {
            return new HttpApiSimpleAuthorizer(engine).handleRequest(
                    RuntimeJson.read(eventJson, HttpApiAuthorizerEvent.class), null);
        }

        @Override
        public byte[] responseBytes(Object response) {
            return RuntimeJson.write((SimpleIAMPolicyResponse) response, SimpleIAMPolicyResponse.class);
        }

        @Override
        public boolean answersWithPolicy() {
            return false;
        }
    };

    private final String logName;
    private final List<Sample> samples;

    Handler(String logName, List<Sample> samples) {
        this.logName = logName;
        this.samples = samples;
    }

    /** The {@code Authorizer} dimension this handler writes in the decision log. */
    public String logName() {
        return logName;
    }

    /** The AWS sample events of this handler's input type. */
    public List<Sample> samples() {
        return samples;
    }

    public Sample sample() {
        return samples.get(0);
    }

    abstract Object invoke(AuthorizerEngine engine, String eventJson);

    /** What the runtime would write for this handler's return value. */
    public byte[] responseBytes(Object response) {
        return RuntimeJson.write((IamPolicyResponse) response, IamPolicyResponse.class);
    }

    /** True for the handlers that answer with an IAM policy (the others answer {@code isAuthorized}). */
    public boolean answersWithPolicy() {
        return true;
    }
}
