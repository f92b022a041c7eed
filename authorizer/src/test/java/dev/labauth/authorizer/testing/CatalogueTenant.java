package dev.labauth.authorizer.testing;

import dev.labauth.authorizer.AuthorizerEngine;
import dev.labauth.authorizer.decision.DecisionLog;
import dev.labauth.authorizer.decision.Gatekeeper;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.FixedKeySource;
import dev.labauth.core.testing.Attacks;
import dev.labauth.core.testing.Jwt;
import dev.labauth.core.verify.TokenVerifier;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * The tenant of core's attack catalogue ({@link Attacks}) behind a real authorizer engine: issuer and
 * audience of the field cases, RS256 and ES256, the catalogue's published keys, judged at {@link Jwt#NOW}.
 */
public final class CatalogueTenant {
    private CatalogueTenant() {
    }

    public static TokenVerifier verifier() {
        return new TokenVerifier(VerifierSettings.fromEnvironment(Attacks.ENVIRONMENT),
                issuer -> new FixedKeySource(Attacks.published()), Clock.fixed(Jwt.NOW, ZoneOffset.UTC));
    }

    public static AuthorizerEngine engine(Consumer<String> log) {
        return AuthorizerEngine.of(new Gatekeeper(verifier(), TestTenant.AUTHENTICATED_EVERYWHERE), new DecisionLog(log, Clock.fixed(Jwt.NOW, ZoneOffset.UTC)));
    }

    public static Harness harness() {
        DecisionLines log = new DecisionLines();
        return new Harness(engine(log), log);
    }
}
