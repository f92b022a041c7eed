package dev.labauth.claims;

import static dev.labauth.claims.SampleEvents.HTTP_IAM;
import static dev.labauth.claims.SampleEvents.HTTP_JWT;
import static dev.labauth.claims.SampleEvents.HTTP_LAMBDA;
import static dev.labauth.claims.SampleEvents.HTTP_NONE;
import static dev.labauth.claims.SampleEvents.REST;
import static dev.labauth.claims.SampleEvents.REST_DOCS;
import static dev.labauth.claims.SampleEvents.http;
import static dev.labauth.claims.SampleEvents.rest;
import static dev.labauth.claims.SampleEvents.text;
import static dev.labauth.claims.SampleEvents.withAuthorizer;
import static dev.labauth.claims.SampleEvents.withoutAuthorizer;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every shape a caller arrives in, from AWS's own sample events read as the runtime reads them. */
class ClaimsShapesTest {

    private static Caller authenticated(CallerResult result) {
        assertThat(result).isInstanceOf(CallerResult.Authenticated.class);
        return ((CallerResult.Authenticated) result).caller();
    }

    private static String unauthenticated(CallerResult result) {
        assertThat(result).isInstanceOf(CallerResult.Unauthenticated.class);
        assertThat(result.authenticated()).isEmpty();
        return ((CallerResult.Unauthenticated) result).reason();
    }

    @Nested
    class FieldCaseC17 {
        @Test
        void c17_httpApiLambdaContextGivesTheSubjectAndPermission() {
            String event = withAuthorizer(text(HTTP_LAMBDA),
                    "{\"lambda\": {\"sub\": \"auth0|abc\", \"permissions\": \"read:experiments\"}}");

            Caller caller = authenticated(Callers.of(http(event)));

            assertThat(caller.subject()).isEqualTo("auth0|abc");
            assertThat(caller.permissions()).containsExactly("read:experiments");
            assertThat(caller.has("read:experiments")).isTrue();
        }

        @Test
        void c17_restFlatContextGivesTheSubjectAndABooleanEmailVerified() {
            String event = withAuthorizer(text(REST),
                    "{\"principalId\": \"auth0|abc\", \"email_verified\": \"true\"}");

            Caller caller = authenticated(Callers.of(rest(event)));

            assertThat(caller.subject()).isEqualTo("auth0|abc");
            assertThat(caller.emailVerified()).contains(true);
            assertThat(caller.claims()).containsEntry("email_verified", Boolean.TRUE);
        }

        @Test
        void c17_restEventWithoutAnAuthorizerBlockIsUnauthenticatedAndAnswered403() {
            String event = withoutAuthorizer(text(REST));
            assertThat(event).doesNotContain("\"authorizer\"").contains("\"resourcePath\"");

            CallerResult result = Callers.of(rest(event));

            assertThat(unauthenticated(result)).contains("no authorizer block");
            Optional<APIGatewayProxyResponseEvent> answer = Require.scope(result, "read:experiments");
            assertThat(answer).get().extracting(APIGatewayProxyResponseEvent::getStatusCode).isEqualTo(403);
            assertThat(answer.get().getBody()).startsWith("{\"error\":\"unauthenticated\"");
        }

        @Test
        void c17_httpApiEventWithoutAnAuthorizerBlockIsUnauthenticatedAndAnswered403() {
            CallerResult result = Callers.of(http(text(HTTP_NONE)));

            assertThat(unauthenticated(result)).contains("no authorizer block");
            assertThat(Require.authenticatedHttpApi(result)).get()
                    .satisfies(r -> assertThat(r.getStatusCode()).isEqualTo(403));
        }

        @Test
        void c17_nullEventsAndEventsWithoutRequestContextAreUnauthenticatedToo() {
            assertThat(unauthenticated(Callers.of((APIGatewayProxyRequestEvent) null))).contains("no authorizer block");
            assertThat(unauthenticated(Callers.of(new APIGatewayProxyRequestEvent()))).contains("no authorizer block");
            assertThat(unauthenticated(Callers.of(new APIGatewayV2HTTPEvent()))).contains("no authorizer block");
        }
    }

    @Nested
    class RestProxyEvents {
        @Test
        void c02_theWholeContextOurAuthorizerWritesReadsBackTyped() {
            // What API Gateway hands the function after stringifying the authorizer's context.
            String event = withAuthorizer(text(REST), """
                    {"principalId": "auth0|abc", "sub": "auth0|abc", "scope": "openid profile",
                     "permissions": "create:experiments read:experiments", "roles": "lab-member",
                     "clientId": "cli123", "grantType": "authorization_code", "orgId": "org_1",
                     "email": "ada@example.com", "email_verified": "true", "exp": "123",
                     "ratio": "0.5", "zip": "007", "https://labauth.dev/beta": "false"}""");

            Caller caller = authenticated(Callers.of(rest(event)));

            assertThat(caller.scopes()).containsExactly("openid", "profile");
            assertThat(caller.permissions()).containsExactly("create:experiments", "read:experiments");
            assertThat(caller.roles()).containsExactly("lab-member");
            assertThat(caller.clientId()).contains("cli123");
            assertThat(caller.grantType()).contains("authorization_code");
            assertThat(caller.orgId()).contains("org_1");
            assertThat(caller.email()).contains("ada@example.com");
            assertThat(caller.emailVerified()).contains(true);
            assertThat(caller.isMachine()).isFalse();
            assertThat(caller.claims())
                    .containsEntry("exp", 123L)
                    .containsEntry("ratio", 0.5)
                    .containsEntry("zip", "007")
                    .containsEntry("https://labauth.dev/beta", Boolean.FALSE)
                    .containsEntry("scope", "openid profile");
        }

        @Test
        void subjectComesFromSubBeforePrincipalId() {
            String event = withAuthorizer(text(REST), "{\"principalId\": \"p\", \"sub\": \"auth0|abc\"}");

            assertThat(authenticated(Callers.of(rest(event))).subject()).isEqualTo("auth0|abc");
        }

        @Test
        void identifiersStayStringsEvenWhenTheyLookLikeNumbers() {
            String event = withAuthorizer(text(REST), "{\"sub\": \"12345\", \"clientId\": \"987\", \"email_verified\": \"yes\"}");

            Caller caller = authenticated(Callers.of(rest(event)));

            assertThat(caller.subject()).isEqualTo("12345");
            assertThat(caller.claims()).containsEntry("sub", "12345").containsEntry("clientId", "987")
                    .containsEntry("email_verified", "yes");
            assertThat(caller.emailVerified()).isEmpty();
        }

        @Test
        void awsSampleAsPublishedIsTheCallerItNames() {
            // aws-lambda-go's sample carries an unstringified number; it reads as the same identifier.
            Caller caller = authenticated(Callers.of(rest(text(REST))));

            assertThat(caller.subject()).isEqualTo("admin");
            assertThat(caller.clientId()).contains("1");
            assertThat(caller.claims()).containsEntry("clientName", "Exata");
            assertThat(caller.scopes()).isEmpty();
            assertThat(caller.has("read:experiments")).isFalse();
        }

        @Test
        void awsDocsSampleWithEmptyJwtClaimsIsUnauthenticated() {
            assertThat(unauthenticated(Callers.of(rest(text(REST_DOCS))))).contains("no subject");
        }

        @Test
        void payload10JwtAuthorizerClaimsAreRead() {
            String event = withAuthorizer(text(REST_DOCS), """
                    {"claims": {"sub": "auth0|abc", "permissions": "[read:experiments create:experiments]",
                                "scope": "openid"}, "scopes": null}""");

            Caller caller = authenticated(Callers.of(rest(event)));

            assertThat(caller.subject()).isEqualTo("auth0|abc");
            assertThat(caller.permissions()).containsExactly("create:experiments", "read:experiments");
            assertThat(caller.scopes()).containsExactly("openid");
        }

        @Test
        void payload10LambdaContextNestedUnderLambdaIsRead() {
            String event = withAuthorizer(text(REST),
                    "{\"lambda\": {\"sub\": \"auth0|abc\", \"permissions\": \"read:experiments\"}}");

            Caller caller = authenticated(Callers.of(rest(event)));

            assertThat(caller.subject()).isEqualTo("auth0|abc");
            assertThat(caller.permissions()).containsExactly("read:experiments");
        }

        @Test
        void blankSubjectIsUnauthenticated() {
            String event = withAuthorizer(text(REST), "{\"principalId\": \"  \", \"scope\": \"read:experiments\"}");

            assertThat(unauthenticated(Callers.of(rest(event)))).contains("no subject");
        }
    }

    @Nested
    class HttpApiEvents {
        @Test
        void lambdaContextKeepsTheTypesTheAuthorizerReturned() {
            String event = withAuthorizer(text(HTTP_LAMBDA), """
                    {"lambda": {"sub": "svc@clients", "scope": "read:experiments", "grantType": "client-credentials",
                                "clientId": "svc", "email_verified": false, "count": 123, "ratio": 0.25}}""");

            Caller caller = authenticated(Callers.of(http(event)));

            assertThat(caller.isMachine()).isTrue();
            assertThat(caller.clientId()).contains("svc");
            assertThat(caller.emailVerified()).contains(false);
            assertThat(caller.claims()).containsEntry("count", 123L).containsEntry("ratio", 0.25);
        }

        @Test
        void jwtAuthorizerClaimsWithArraysInBracketsAreTyped() {
            String event = withAuthorizer(text(HTTP_JWT), """
                    {"jwt": {"claims": {"sub": "auth0|abc", "scope": "openid read:experiments",
                                        "permissions": "[create:experiments delete:experiments]",
                                        "https://labauth.dev/roles": "[lab-admin lab-member]",
                                        "aud": "[https://api.example.com https://tenant.eu.auth0.com/userinfo]",
                                        "azp": "cli123", "gty": "password", "org_id": "org_1",
                                        "email": "ada@example.com", "email_verified": "true", "exp": "1700000000"},
                             "scopes": ["read:experiments", "write:notes"]}}""");

            Caller caller = authenticated(Callers.of(http(event)));

            assertThat(caller.subject()).isEqualTo("auth0|abc");
            assertThat(caller.scopes()).containsExactly("openid", "read:experiments", "write:notes");
            assertThat(caller.permissions()).containsExactly("create:experiments", "delete:experiments");
            assertThat(caller.roles()).containsExactly("lab-admin", "lab-member");
            assertThat(caller.clientId()).contains("cli123");
            assertThat(caller.grantType()).contains("password");
            assertThat(caller.orgId()).contains("org_1");
            assertThat(caller.email()).contains("ada@example.com");
            assertThat(caller.emailVerified()).contains(true);
            assertThat(caller.claims())
                    .containsEntry("exp", 1700000000L)
                    .containsEntry("aud", List.of("https://api.example.com", "https://tenant.eu.auth0.com/userinfo"))
                    .containsEntry("permissions", List.of("create:experiments", "delete:experiments"));
        }

        @Test
        void jwtRolesClaimCanBeNamed() {
            String event = withAuthorizer(text(HTTP_JWT),
                    "{\"jwt\": {\"claims\": {\"sub\": \"auth0|abc\", \"https://lab.example/roles\": \"[lab-admin]\"}, \"scopes\": null}}");

            assertThat(authenticated(Callers.of(http(event))).roles()).isEmpty();
            assertThat(authenticated(Callers.of(http(event), "https://lab.example/roles")).roles()).containsExactly("lab-admin");
        }

        @Test
        void jwtMachineTokenWithClientIdClaim() {
            String event = withAuthorizer(text(HTTP_JWT),
                    "{\"jwt\": {\"claims\": {\"sub\": \"svc@clients\", \"client_id\": \"svc\", \"gty\": \"client-credentials\"}}}");

            Caller caller = authenticated(Callers.of(http(event)));

            assertThat(caller.isMachine()).isTrue();
            assertThat(caller.clientId()).contains("svc");
        }

        @Test
        void awsSamplesAsPublishedCarryNoSubject() {
            assertThat(unauthenticated(Callers.of(http(text(HTTP_LAMBDA))))).contains("no subject");
            assertThat(unauthenticated(Callers.of(http(text(HTTP_JWT))))).contains("no sub");
        }

        @Test
        void iamAuthorizedRequestHasNoTokenCaller() {
            assertThat(unauthenticated(Callers.of(http(text(HTTP_IAM))))).contains("IAM");
        }

        @Test
        void emptyAuthorizerBlockIsUnauthenticated() {
            assertThat(unauthenticated(Callers.of(http(withAuthorizer(text(HTTP_LAMBDA), "{}"))))).contains("no authorizer block");
        }
    }

    @Test
    void callerClaimsAreImmutable() {
        Caller caller = authenticated(Callers.of(rest(withAuthorizer(text(REST), "{\"sub\": \"a\", \"scope\": \"x\"}"))));

        assertThat(caller.claims()).isUnmodifiable();
        assertThat(caller.scopes()).isUnmodifiable();
        assertThat(caller.claims()).isEqualTo(Map.of("sub", "a", "scope", "x"));
    }
}
