package dev.labauth.lab;

import static dev.labauth.lab.LabEvents.invoke;
import static dev.labauth.lab.LabEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.labauth.lab.LabEvents.Answer;
import dev.labauth.lab.LabEvents.Who;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /me for each kind of caller. */
class MeFunctionTest {
    private final MeFunction me = new MeFunction(Map.of());

    private Answer ask(Who who) {
        return invoke(me, request(who, "GET", "/me", "/me", null, null));
    }

    @Test
    void aMemberSeesWhoTheAuthorizerSaidTheyAre() {
        Answer answer = ask(Who.MEMBER);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.json())
                .containsEntry("sub", "auth0|member")
                .containsEntry("email", "member@lab.example")
                .containsEntry("scopes", List.of("email", "openid", "profile"))
                .containsEntry("permissions", List.of("create:experiments", "read:experiments"))
                .containsEntry("roles", List.of("lab-member"))
                .containsEntry("clientId", "lab-spa")
                .containsEntry("grantType", null);
    }

    @Test
    void anAdminSeesTheAdminRole() {
        assertThat(ask(Who.ADMIN).json()).containsEntry("roles", List.of("lab-admin", "lab-member"));
    }

    @Test
    void aGuestWithoutPermissionsMayStillAskWhoTheyAre() {
        Answer answer = ask(Who.GUEST);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json()).containsEntry("sub", "auth0|guest")
                .containsEntry("permissions", List.of()).containsEntry("roles", List.of()).containsEntry("email", null);
    }

    @Test
    void aMachineIsItsClientWithTheClientCredentialsGrant() {
        assertThat(ask(Who.MACHINE).json())
                .containsEntry("sub", "svc-client@clients")
                .containsEntry("clientId", "svc-client")
                .containsEntry("grantType", "client-credentials")
                .containsEntry("scopes", List.of("create:experiments", "read:experiments"))
                .containsEntry("email", null);
    }

    @Test
    void c17_noAuthorizerBlockIsA403NotACrash() {
        Answer answer = ask(Who.NOBODY);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json()).containsEntry("error", "unauthenticated");
    }

    @Test
    void theKeysAreTheSameForEveryCaller() {
        for (Who who : List.of(Who.MEMBER, Who.ADMIN, Who.GUEST, Who.MACHINE)) {
            assertThat(ask(who).json()).containsOnlyKeys("sub", "email", "scopes", "permissions", "roles", "clientId", "grantType");
        }
    }
}
