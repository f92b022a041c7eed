package dev.labauth.authorizer.testing;

/**
 * The AWS-authored sample events copied under {@code src/test/resources/testdata/apigateway}, with
 * the shape that says where API Gateway would have put the caller's Authorization value.
 */
public enum Sample {
    TOKEN_GO("aws-lambda-go/apigw-custom-auth-request.json", Shape.TOKEN),
    TOKEN_DOCS("aws-docs/api-gateway-lambda-authorizer-input__02.json", Shape.TOKEN),
    REQUEST_GO("aws-lambda-go/apigw-custom-auth-request-type-request.json", Shape.REST_REQUEST),
    REQUEST_DOCS("aws-docs/api-gateway-lambda-authorizer-input__03.json", Shape.REST_REQUEST),
    /** HTTP API payload format 1.0: the REST REQUEST shape plus {@code identitySource}/{@code authorizationToken}. */
    HTTP_V1_DOCS("aws-docs/http-api-lambda-authorizer__02.json", Shape.REST_REQUEST),
    HTTP_V2_GO("aws-lambda-go/apigw-v2-custom-authorizer-v2-request.json", Shape.HTTP_V2),
    HTTP_V2_DOCS("aws-docs/http-api-lambda-authorizer__01.json", Shape.HTTP_V2);

    public enum Shape {
        /** {@code authorizationToken} carries the header value. */
        TOKEN,
        /** {@code headers} (client's case) and, where present, {@code multiValueHeaders}. */
        REST_REQUEST,
        /** lower-cased {@code headers}; {@code identitySource} lists the identity source values. */
        HTTP_V2
    }

    private final String file;
    private final Shape shape;

    Sample(String file, Shape shape) {
        this.file = file;
        this.shape = shape;
    }

    public String path() {
        return "testdata/apigateway/" + file;
    }

    public Shape shape() {
        return shape;
    }

    /** The sample exactly as AWS wrote it. */
    public String json() {
        return RuntimeJson.resource(path());
    }

    public SampleEvent event() {
        return SampleEvent.of(this);
    }
}
