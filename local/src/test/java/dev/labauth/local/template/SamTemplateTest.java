package dev.labauth.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The repository's own deploy/template.yaml, read as the local gateway reads it, and the errors a broken one gives. */
class SamTemplateTest {
    private static final Path DEPLOY_TEMPLATE = Path.of("..", "deploy", "template.yaml");

    private static SamTemplate deployTemplate() throws Exception {
        return SamTemplate.parse(Files.readString(DEPLOY_TEMPLATE), "deploy/template.yaml",
                Map.of("Auth0Domain", "lab.eu.auth0.com"));
    }

    @Test
    void theLabApiHasItsFourRoutesBehindTheTokenAuthorizer() throws Exception {
        SamTemplate t = deployTemplate();

        assertThat(t.stageName()).isEqualTo("dev");
        assertThat(t.routes()).extracting(r -> r.method() + " " + r.path()).containsExactlyInAnyOrder(
                "GET /me", "GET /experiments", "POST /experiments", "DELETE /experiments/{id}");
        assertThat(t.routes()).allSatisfy(r -> assertThat(r.authorizer()).isEmpty());
        SamTemplate.TokenAuthorizer a = t.defaultAuthorizer().orElseThrow();
        assertThat(a.header()).isEqualTo("Authorization");
        assertThat(a.ttlSeconds()).isEqualTo(300);
        assertThat(t.functions().get(a.functionLogicalId()).handler())
                .isEqualTo("dev.labauth.authorizer.TokenStreamAuthorizer::handleRequest");
    }

    @Test
    void theValidationExpressionLetsBearerTokensThroughInAnyCaseAndStopsTheRest() throws Exception {
        var expression = deployTemplate().defaultAuthorizer().orElseThrow().validationExpression().orElseThrow();

        assertThat(expression.matcher("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln").matches()).isTrue();
        assertThat(expression.matcher("BEARER  abc.def.ghi").matches()).isTrue();
        assertThat(expression.matcher("Basic dXNlcjpwYXNz").matches()).isFalse();
        assertThat(expression.matcher("eyJhbGciOiJSUzI1NiJ9.e30.c2ln").matches()).isFalse();
        assertThat(expression.matcher("Bearer a.b.c, Bearer d.e.f").matches()).isFalse();
    }

    @Test
    void theAuthorizerIsConfiguredFromTheTemplatesParameters() throws Exception {
        SamTemplate t = deployTemplate();
        Map<String, String> env = t.functions().get("AuthorizerFunction").environment();

        assertThat(env).containsEntry("AUTH0_DOMAIN", "lab.eu.auth0.com").containsEntry("AUTH0_AUDIENCE", "https://api.lab.local");
        assertThat(t.functions().get("ListExperimentsFunction").environment()).containsEntry("EXPERIMENTS_TABLE", "ExperimentsTable");
    }

    @Test
    void the401And403GatewayResponsesCarryWwwAuthenticateAndCors() throws Exception {
        SamTemplate t = deployTemplate();

        assertThat(t.gatewayResponses().get("UNAUTHORIZED").headers())
                .containsEntry("WWW-Authenticate", "Bearer realm=\"lab-api\", error=\"invalid_token\"")
                .containsEntry("Access-Control-Allow-Origin", "*");
        assertThat(t.gatewayResponses().get("UNAUTHORIZED").statusCode()).hasValue(401);
        assertThat(t.gatewayResponses().get("ACCESS_DENIED").headers())
                .containsEntry("WWW-Authenticate", "Bearer realm=\"lab-api\", error=\"insufficient_scope\"")
                .containsKey("Access-Control-Allow-Origin");
    }

    @Test
    void aParameterWithoutDefaultOrValueIsAnError() throws Exception {
        String yaml = Files.readString(DEPLOY_TEMPLATE);

        assertThatThrownBy(() -> SamTemplate.parse(yaml, "deploy/template.yaml", Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("parameter Auth0Domain");
    }

    @Test
    void anUnknownParameterOverrideIsAnError() throws Exception {
        String yaml = Files.readString(DEPLOY_TEMPLATE);

        assertThatThrownBy(() -> SamTemplate.parse(yaml, "deploy/template.yaml", Map.of("Auth0Domian", "x")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Auth0Domian");
    }

    @Test
    void brokenYamlNamesTheFileAndLine() {
        assertThatThrownBy(() -> SamTemplate.parse("Resources:\n  Api: [unclosed\n", "broken.yaml", Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("broken.yaml").hasMessageContaining("line");
    }

    @Test
    void aDefaultAuthorizerThatIsNotDefinedIsAnError() {
        String yaml = """
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: dev
                      Auth:
                        DefaultAuthorizer: Missing
                """;

        assertThatThrownBy(() -> SamTemplate.parse(yaml, "t.yaml", Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Missing");
    }

    @Test
    void aHeaderThatIsNotAQuotedLiteralIsAnError() {
        String yaml = """
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: dev
                      GatewayResponses:
                        UNAUTHORIZED:
                          ResponseParameters:
                            Headers:
                              WWW-Authenticate: method.request.header.Foo
                """;

        assertThatThrownBy(() -> SamTemplate.parse(yaml, "t.yaml", Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("quoted literal");
    }

    private static String httpApi(String identity) {
        return """
                Resources:
                  Rest: {Type: AWS::Serverless::Api, Properties: {StageName: dev}}
                  Http:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        Authorizers:
                          Lab:
                            FunctionArn: !GetAtt Fn.Arn
                            AuthorizerPayloadFormatVersion: "2.0"
                            EnableSimpleResponses: true
                            Identity:
                """ + identity + """
                  Fn: {Type: AWS::Serverless::Function, Properties: {Handler: x.Y}}
                """;
    }

    @Test
    void aCachedSimpleResponseMustBeKeyedByRoute() {
        String unsafe = httpApi("                  Headers: [Authorization]\n");

        assertThatThrownBy(() -> SamTemplate.parse(unsafe, "http.yaml", Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Context: [routeKey]");
    }

    @Test
    void aSimpleResponseKeyedByRouteOrNotCachedIsAccepted() {
        String keyed = httpApi("                  Headers: [Authorization]\n                  Context: [routeKey]\n");
        String uncached = httpApi("                  Headers: [Authorization]\n                  ReauthorizeEvery: 0\n");

        assertThat(SamTemplate.parse(keyed, "http.yaml", Map.of()).stageName()).isEqualTo("dev");
        assertThat(SamTemplate.parse(uncached, "http.yaml", Map.of()).stageName()).isEqualTo("dev");
    }

    private static String restApiWithAuthorizer(String functionArn, String functionProperties) {
        return """
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: dev
                      Auth:
                        DefaultAuthorizer: Lab
                        Authorizers:
                          Lab:
                            FunctionArn: %s
                  Fn: {Type: AWS::Serverless::Function, Properties: {Handler: x.Y%s}}
                """.formatted(functionArn, functionProperties);
    }

    /** SnapStart applies to published versions only, so a SnapStart authorizer is named by its alias. */
    @Test
    void anAuthorizerMayBeNamedByItsFunctionsAlias() {
        String yaml = restApiWithAuthorizer("!Ref Fn.Alias", ", AutoPublishAlias: live");

        assertThat(SamTemplate.parse(yaml, "t.yaml", Map.of()).defaultAuthorizer().orElseThrow().functionLogicalId())
                .isEqualTo("Fn");
    }

    @Test
    void anAliasOfAFunctionThatPublishesNoneIsAnError() {
        String yaml = restApiWithAuthorizer("!Ref Fn.Alias", "");

        assertThatThrownBy(() -> SamTemplate.parse(yaml, "t.yaml", Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Fn has no AutoPublishAlias");
    }

    @Test
    void anAuthorizerArnOfAnyOtherFormIsAnError() {
        String yaml = restApiWithAuthorizer("arn:aws:lambda:us-east-1:123456789012:function:x", "");

        assertThatThrownBy(() -> SamTemplate.parse(yaml, "t.yaml", Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("!GetAtt <Function>.Arn or !Ref <Function>.Alias");
    }

    @Test
    void twoApisAreRefusedRatherThanGuessedBetween() {
        String yaml = """
                Resources:
                  A: {Type: AWS::Serverless::Api, Properties: {StageName: a}}
                  B: {Type: AWS::Serverless::Api, Properties: {StageName: b}}
                """;

        assertThatThrownBy(() -> SamTemplate.parse(yaml, "t.yaml", Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("exactly one");
    }
}
