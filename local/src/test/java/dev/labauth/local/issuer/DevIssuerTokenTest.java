package dev.labauth.local.issuer;

import static dev.labauth.local.issuer.IssuerHttp.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.SignedJWT;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.RemoteKeySource;
import dev.labauth.core.principal.Principal;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /oauth/token}, discovery and {@code /userinfo} of the dev issuer serving the bundled tenant. */
class DevIssuerTokenTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String API = DevTenant.DEFAULT_AUDIENCE;
    private static final String ALL_SCOPES = "openid profile email read:experiments create:experiments delete:experiments";
    private static DevIssuer issuer;

    @BeforeAll
    static void start() throws Exception {
        issuer = DevIssuer.start(0, DevTenant.builtIn(), CLOCK);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    // ---- client credentials ----

    @Test
    void theWorkerGetsAnM2mTokenShapedLikeAuth0s() throws Exception {
        String secret = DevTenant.builtIn().client("lab-worker").orElseThrow().clientSecret();

        IssuerHttp.Answer answer = IssuerHttp.postForm(issuer.tokenEndpoint(), params("grant_type", "client_credentials",
                "client_id", "lab-worker", "client_secret", secret, "audience", API));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("token_type", "Bearer").containsEntry("expires_in", 86400L)
                .containsEntry("scope", "read:experiments");
        Map<String, Object> claims = answer.claims();
        assertThat(claims).containsEntry("iss", issuer.issuer()).containsEntry("sub", "lab-worker@clients")
                .containsEntry("azp", "lab-worker").containsEntry("gty", "client-credentials")
                .containsEntry("aud", API).containsEntry("scope", "read:experiments")
                .containsEntry("iat", NOW.getEpochSecond()).containsEntry("exp", NOW.getEpochSecond() + 86_400)
                .doesNotContainKeys("permissions", DevTenant.ROLES_CLAIM);
        assertThat(issuer.issuer()).endsWith("/");
        JWSHeader header = SignedJWT.parse(answer.accessToken()).getHeader();
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(header.getKeyID()).hasSize(21).startsWith("labauth-dev-").isEqualTo(issuer.signingKey().keyId());
    }

    @Test
    void clientSecretBasicAndJsonBodiesWorkToo() throws Exception {
        String basic = Base64.getEncoder().encodeToString("lab-worker:lab-worker-dev-secret".getBytes(StandardCharsets.UTF_8));
        IssuerHttp.Answer viaBasic = IssuerHttp.send(HttpRequest.newBuilder(URI.create(issuer.tokenEndpoint()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&audience=https%3A%2F%2Fapi.lab.local")));
        IssuerHttp.Answer viaJson = IssuerHttp.postJson(issuer.tokenEndpoint(), params("grant_type", "client_credentials",
                "client_id", "lab-worker", "client_secret", "lab-worker-dev-secret", "audience", API));

        assertThat(viaBasic.claims()).containsEntry("sub", "lab-worker@clients");
        assertThat(viaJson.claims()).containsEntry("sub", "lab-worker@clients");
    }

    @Test
    void aWrongSecretIsAccessDenied401() throws Exception {
        IssuerHttp.Answer answer = IssuerHttp.postForm(issuer.tokenEndpoint(), params("grant_type", "client_credentials",
                "client_id", "lab-worker", "client_secret", "guess", "audience", API));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json()).containsEntry("error", "access_denied").containsEntry("error_description", "Unauthorized");
    }

    @Test
    void aClientWithoutTheGrantTypeIsAnUnauthorizedClient() throws Exception {
        IssuerHttp.Answer answer = IssuerHttp.postForm(issuer.tokenEndpoint(), params("grant_type", "client_credentials",
                "client_id", "lab-spa", "audience", API));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json()).containsEntry("error", "unauthorized_client");
    }

    @Test
    void anUnknownApiIsServiceNotFound() throws Exception {
        IssuerHttp.Answer answer = IssuerHttp.postForm(issuer.tokenEndpoint(), params("grant_type", "client_credentials",
                "client_id", "lab-worker", "client_secret", "lab-worker-dev-secret", "audience", "https://other.example"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json()).containsEntry("error", "access_denied")
                .containsEntry("error_description", "Service not found: https://other.example");
    }

    @Test
    void aRequestedScopeBeyondTheClientGrantIsLeftOut() throws Exception {
        IssuerHttp.Answer answer = IssuerHttp.postForm(issuer.tokenEndpoint(), params("grant_type", "client_credentials",
                "client_id", "lab-worker", "client_secret", "lab-worker-dev-secret", "audience", API,
                "scope", "read:experiments delete:experiments"));

        assertThat(answer.claims()).containsEntry("scope", "read:experiments");
    }

    // ---- the dev password grant ----

    @Test
    void aMembersTokenHasTheScopesHerRolesAllowAndAllHerPermissions() throws Exception {
        Map<String, Object> claims = login("alice", "alice-dev-password", ALL_SCOPES).claims();

        assertThat(claims).containsEntry("iss", issuer.issuer())
                .containsEntry("sub", DevTenant.User.userIdFor("alice"))
                .containsEntry("azp", "lab-spa").containsEntry("gty", "password")
                .containsEntry("scope", "openid profile email read:experiments create:experiments")
                .containsEntry("aud", List.of(API, issuer.issuer() + "userinfo"))
                .containsEntry("permissions", List.of("read:experiments", "create:experiments"))
                .containsEntry(DevTenant.ROLES_CLAIM, List.of("lab-member"))
                .containsEntry("exp", NOW.getEpochSecond() + 86_400);
    }

    @Test
    void anAdminGetsDeleteAndAGuestOnlyWhatOidcAllows() throws Exception {
        Map<String, Object> ada = login("ada", "ada-dev-password", ALL_SCOPES).claims();
        Map<String, Object> guest = login("guest", "guest-dev-password", ALL_SCOPES).claims();

        assertThat(ada).containsEntry("scope", ALL_SCOPES)
                .containsEntry("permissions", List.of("read:experiments", "create:experiments", "delete:experiments"))
                .containsEntry(DevTenant.ROLES_CLAIM, List.of("lab-admin"));
        assertThat(guest).containsEntry("scope", "openid profile email")
                .containsEntry("permissions", List.of()).containsEntry(DevTenant.ROLES_CLAIM, List.of());
    }

    @Test
    void withoutOpenidTheAudienceIsTheApiAlone() throws Exception {
        IssuerHttp.Answer answer = login("bob", "bob-dev-password", "read:experiments");

        assertThat(answer.claims()).containsEntry("aud", API).containsEntry("scope", "read:experiments");
        assertThat(answer.json()).containsEntry("scope", "read:experiments");
    }

    @Test
    void usersLogInByEmailAndThroughThePasswordRealmGrant() throws Exception {
        IssuerHttp.Answer byEmail = login("bob@lab.local", "bob-dev-password", "openid");
        IssuerHttp.Answer realm = IssuerHttp.postJson(issuer.tokenEndpoint(), params(
                "grant_type", "http://auth0.com/oauth/grant-type/password-realm", "realm", "lab-users",
                "client_id", "lab-spa", "username", "bob", "password", "bob-dev-password", "audience", API, "scope", "openid"));
        IssuerHttp.Answer wrongRealm = IssuerHttp.postJson(issuer.tokenEndpoint(), params(
                "grant_type", "http://auth0.com/oauth/grant-type/password-realm", "realm", "google-oauth2",
                "client_id", "lab-spa", "username", "bob", "password", "bob-dev-password", "audience", API));

        assertThat(byEmail.claims()).containsEntry("sub", DevTenant.User.userIdFor("bob"));
        assertThat(realm.claims()).containsEntry("sub", DevTenant.User.userIdFor("bob"));
        assertThat(wrongRealm.status()).isEqualTo(400);
        assertThat(wrongRealm.json()).containsEntry("error", "invalid_request");
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsTheSameInvalidGrant() throws Exception {
        IssuerHttp.Answer wrongPassword = login("alice", "bob-dev-password", "openid");
        IssuerHttp.Answer unknownUser = login("mallory", "alice-dev-password", "openid");

        for (IssuerHttp.Answer answer : List.of(wrongPassword, unknownUser)) {
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.json()).isEqualTo(Map.of("error", "invalid_grant", "error_description", "Wrong email or password."));
        }
    }

    @Test
    void theWorkerMayNotLogPeopleIn() throws Exception {
        IssuerHttp.Answer answer = IssuerHttp.postForm(issuer.tokenEndpoint(), params("grant_type", "password",
                "client_id", "lab-worker", "client_secret", "lab-worker-dev-secret",
                "username", "alice", "password", "alice-dev-password", "audience", API));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json()).containsEntry("error", "unauthorized_client");
    }

    @Test
    void anUnknownGrantTypeIsUnsupported() throws Exception {
        IssuerHttp.Answer answer = IssuerHttp.postForm(issuer.tokenEndpoint(), params("grant_type", "authorization_code",
                "client_id", "lab-spa", "code", "x"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).containsEntry("error", "unsupported_grant_type");
    }

    @Test
    void tokensPassTheAuthorizersVerifierWithRolesAndPermissions() throws Exception {
        VerifierSettings settings = VerifierSettings.fromEnvironment(
                Map.of(VerifierSettings.ISSUER, issuer.issuer(), VerifierSettings.AUDIENCE, API));
        TokenVerifier verifier = new TokenVerifier(settings, t -> new RemoteKeySource(t.jwksUri(), settings.jwks()), CLOCK);

        Verification verdict = verifier.verify(login("ada", "ada-dev-password", ALL_SCOPES).accessToken());

        assertThat(verdict).isInstanceOf(Verification.Verified.class);
        Principal ada = ((Verification.Verified) verdict).principal();
        assertThat(ada.roles()).containsExactly("lab-admin");
        assertThat(ada.permissions()).contains("delete:experiments");
        assertThat(ada.isMachine()).isFalse();
    }

    // ---- discovery and userinfo ----

    @Test
    void discoveryNamesTheEndpoints() throws Exception {
        Map<String, Object> doc = IssuerHttp.get(issuer.issuer() + ".well-known/openid-configuration").json();

        assertThat(doc).containsEntry("issuer", issuer.issuer()).containsEntry("jwks_uri", issuer.jwksUri())
                .containsEntry("token_endpoint", issuer.tokenEndpoint())
                .containsEntry("userinfo_endpoint", issuer.issuer() + "userinfo");
    }

    @Test
    void userinfoAnswersForAnOpenidTokenWithWhatItsScopesAllow() throws Exception {
        String token = login("alice", "alice-dev-password", "openid email read:experiments").accessToken();

        IssuerHttp.Answer answer = IssuerHttp.get(issuer.userinfoEndpoint(), token);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(Map.of("sub", DevTenant.User.userIdFor("alice"),
                "email", "alice@lab.local", "email_verified", true));
    }

    @Test
    void userinfoTakesTheOpaqueTokenOfALoginWithoutAudience() throws Exception {
        IssuerHttp.Answer login = IssuerHttp.postForm(issuer.tokenEndpoint(), params("grant_type", "password",
                "client_id", "lab-spa", "username", "ada", "password", "ada-dev-password", "scope", "openid profile"));
        assertThat(login.accessToken()).doesNotContain(".").hasSize(32);

        IssuerHttp.Answer answer = IssuerHttp.get(issuer.userinfoEndpoint(), login.accessToken());

        assertThat(answer.json()).containsEntry("sub", DevTenant.User.userIdFor("ada"))
                .containsEntry("nickname", "ada").doesNotContainKey("email");
    }

    @Test
    void userinfoRefusesM2mTokensAndTokensWithoutOpenid() throws Exception {
        String m2m = IssuerHttp.postForm(issuer.tokenEndpoint(), params("grant_type", "client_credentials",
                "client_id", "lab-worker", "client_secret", "lab-worker-dev-secret", "audience", API)).accessToken();
        String noOpenid = login("bob", "bob-dev-password", "read:experiments").accessToken();

        for (String token : List.of(m2m, noOpenid, "not-a-token-at-all")) {
            IssuerHttp.Answer answer = IssuerHttp.get(issuer.userinfoEndpoint(), token);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.response().headers().firstValue("WWW-Authenticate")).get().asString()
                    .startsWith("Bearer error=\"invalid_token\"");
        }
    }

    private static IssuerHttp.Answer login(String username, String password, String scope) throws Exception {
        return IssuerHttp.postForm(issuer.tokenEndpoint(), params("grant_type", "password", "client_id", "lab-spa",
                "username", username, "password", password, "audience", API, "scope", scope));
    }
}
