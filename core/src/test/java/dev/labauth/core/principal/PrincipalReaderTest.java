package dev.labauth.core.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.labauth.core.verify.Reason;
import dev.labauth.core.verify.Verification;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Claims of a verified token to a Principal; the time, issuer and audience checks are not its job. */
class PrincipalReaderTest {
    private static final String ROLES = "https://labauth.dev/roles";
    private static final long EXP = 1_900_000_000L;
    private final PrincipalReader reader = new PrincipalReader(ROLES);

    /** Reads a claims set written as JSON, with {@code sub} and {@code exp} added unless present. */
    private Verification read(String jsonMembers) {
        String json = "{" + (jsonMembers.contains("\"sub\"") ? "" : "\"sub\":\"auth0|u1\",")
                + (jsonMembers.contains("\"exp\"") ? "" : "\"exp\":" + EXP + ",") + jsonMembers + "}";
        try {
            return reader.read(JWTClaimsSet.parse(json));
        } catch (ParseException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static Principal principal(Verification v) {
        assertThat(v).as("%s", v).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified) v).principal();
    }

    private static Verification.Rejected rejected(Verification v, Reason reason) {
        assertThat(v).as("%s", v).isInstanceOf(Verification.Rejected.class);
        Verification.Rejected r = (Verification.Rejected) v;
        assertThat(r.reason()).isEqualTo(reason);
        return r;
    }

    @Test
    void onlySubAndExp_giveAnEmptyButValidPrincipal() {
        Principal p = principal(read("\"iss\":\"https://t/\""));

        assertThat(p.subject()).isEqualTo("auth0|u1");
        assertThat(p.scopes()).isEmpty();
        assertThat(p.permissions()).isEmpty();
        assertThat(p.roles()).isEmpty();
        assertThat(p.clientId()).isEmpty();
        assertThat(p.grantType()).isEmpty();
        assertThat(p.orgId()).isEmpty();
        assertThat(p.email()).isEmpty();
        assertThat(p.tokenId()).isEmpty();
        assertThat(p.isMachine()).isFalse();
        assertThat(p.expiresAt()).isEqualTo(Instant.ofEpochSecond(EXP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"iss\":\"x\"", "\"sub\":\"\"", "\"sub\":\"   \"", "\"sub\":null"})
    void noUsableSub_isMissingClaim(String members) {
        String json = members.startsWith("\"iss\"") ? "\"sub\":null," + members : members;

        assertThat(rejected(read(json), Reason.MISSING_CLAIM).description()).contains("sub");
    }

    @Test
    void scope_isSplitOnSpaces_ignoringRuns() {
        Principal p = principal(read("\"scope\":\"  openid  profile read:experiments \""));

        assertThat(p.scopes()).containsExactlyInAnyOrder("openid", "profile", "read:experiments");
    }

    @Test
    void emptyScope_isNoScopes() {
        assertThat(principal(read("\"scope\":\"\"")).scopes()).isEmpty();
    }

    @Test
    void scopeAsAnArray_isTolerated() {
        assertThat(principal(read("\"scope\":[\"a\",\"b\"]")).scopes()).containsExactlyInAnyOrder("a", "b");
    }

    /** Scopes are split on spaces only: a tab is part of a scope name, not a separator. */
    @Test
    void scope_isNotSplitOnOtherWhitespace() {
        assertThat(principal(read("\"scope\":\"a\\tb c\"")).scopes()).containsExactlyInAnyOrder("a\tb", "c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"scope\":42", "\"scope\":{\"a\":1}", "\"scope\":[\"a\",1]", "\"scope\":[\"a\",null]"})
    void scopeOfTheWrongType_isMalformed(String members) {
        rejected(read(members), Reason.MALFORMED);
    }

    @Test
    void permissions_anArrayOfStrings_duplicatesCollapse() {
        Principal p = principal(read("\"permissions\":[\"read:experiments\",\"read:experiments\",\"create:experiments\"]"));

        assertThat(p.permissions()).containsExactlyInAnyOrder("read:experiments", "create:experiments");
    }

    @Test
    void emptyPermissions_areNone() {
        assertThat(principal(read("\"permissions\":[]")).permissions()).isEmpty();
    }

    /** C-18 / C-17: a permissions string where an array belongs is refused, never split or half-read. */
    @ParameterizedTest
    @ValueSource(strings = {"\"permissions\":\"read:experiments\"", "\"permissions\":[\"a\",null]",
            "\"permissions\":[\"a\",7]", "\"permissions\":[[\"a\"]]", "\"permissions\":{\"a\":true}"})
    void permissionsOfTheWrongType_areMalformed(String members) {
        Verification.Rejected r = rejected(read(members), Reason.MALFORMED);

        assertThat(r.description()).contains("permissions");
    }

    @Test
    void roles_fromTheConfiguredClaimOnly() {
        Principal p = principal(new PrincipalReader("https://lab.example/roles").read(parse(
                "{\"sub\":\"s\",\"exp\":" + EXP + ",\"https://lab.example/roles\":[\"admin\"],\"" + ROLES + "\":[\"x\"]}")));

        assertThat(p.roles()).containsExactly("admin");
    }

    @Test
    void rolesAsAString_isMalformed() {
        rejected(read("\"" + ROLES + "\":\"admin\""), Reason.MALFORMED);
    }

    @Test
    void clientId_fromAzp_thenClientId() {
        assertThat(principal(read("\"azp\":\"a\",\"client_id\":\"c\"")).clientId()).contains("a");
        assertThat(principal(read("\"client_id\":\"c\"")).clientId()).contains("c");
        assertThat(principal(read("\"azp\":null,\"client_id\":\"c\"")).clientId()).contains("c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"azp", "client_id", "gty", "org_id", "email"})
    void stringClaimOfTheWrongType_isMalformed(String claim) {
        rejected(read("\"" + claim + "\":[\"x\"]"), Reason.MALFORMED);
    }

    @Test
    void machineToken_byGty() {
        Principal p = principal(read("\"sub\":\"abc@clients\",\"gty\":\"client-credentials\""));

        assertThat(p.isMachine()).isTrue();
        assertThat(principal(read("\"gty\":\"password\"")).isMachine()).isFalse();
    }

    /** C-02: nested objects and booleans stay typed in the claims map; JSON nulls are left out. */
    @Test
    void claimsMap_keepsTypes_dropsNulls_andIsImmutable() {
        Principal p = principal(read("\"email_verified\":true,\"https://lab.example/meta\":{\"lab\":\"b12\",\"seat\":3},"
                + "\"nickname\":null,\"email\":null,\"aud\":[\"https://api.example.com\"]"));

        assertThat(p.claims())
                .containsEntry("email_verified", true)
                .containsEntry("https://lab.example/meta", Map.of("lab", "b12", "seat", 3L))
                .containsEntry("aud", List.of("https://api.example.com"))
                .containsEntry("sub", "auth0|u1")
                .doesNotContainKeys("nickname", "email");
        assertThat(p.email()).isEmpty();
        assertThatThrownBy(() -> p.claims().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.scopes().add("admin")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static JWTClaimsSet parse(String json) {
        try {
            return JWTClaimsSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
