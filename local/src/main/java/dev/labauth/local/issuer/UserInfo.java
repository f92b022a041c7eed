package dev.labauth.local.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /userinfo} without the HTTP: the profile of the user an access token was issued to, for a
 * token that asked for {@code openid} (a JWT whose {@code aud} includes this endpoint, or the opaque
 * token given when no audience was asked for). What is returned follows the token's scopes:
 * {@code profile} adds name and nickname, {@code email} adds email and email_verified.
 */
final class UserInfo {
    private final DevTenant tenant;
    private final String issuer;
    private final Clock clock;
    private final KeyRing keys;
    private final OpaqueTokens opaqueTokens;

    UserInfo(DevTenant tenant, String issuer, Clock clock, KeyRing keys, OpaqueTokens opaqueTokens) {
        this.tenant = tenant;
        this.issuer = issuer;
        this.clock = clock;
        this.keys = keys;
        this.opaqueTokens = opaqueTokens;
    }

    String endpoint() {
        return issuer + "userinfo";
    }

    /** The user's claims, or why the token does not get them. */
    Map<String, Object> profile(String token) throws RefusedException {
        Instant now = clock.instant();
        DevTenant.User user;
        List<String> scopes;
        if (token.chars().filter(c -> c == '.').count() == 2) {
            JWTClaimsSet claims = verified(token, now);
            user = tenant.users().values().stream()
                    .filter(u -> u.userId().equals(subject(claims))).findFirst()
                    .orElseThrow(() -> new RefusedException("the token's sub is not a user of this tenant"));
            scopes = Arrays.asList(scope(claims).split(" "));
        } else {
            OpaqueTokens.Grant grant = opaqueTokens.find(token, now)
                    .orElseThrow(() -> new RefusedException("unknown or expired access token"));
            user = grant.user();
            scopes = grant.scopes();
        }
        if (!scopes.contains("openid")) {
            throw new RefusedException("the token was not issued with the openid scope");
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("sub", user.userId());
        if (scopes.contains("profile")) {
            // Auth0's database users are named by their email unless told otherwise.
            profile.put("name", user.email());
            profile.put("nickname", user.username());
        }
        if (scopes.contains("email")) {
            profile.put("email", user.email());
            profile.put("email_verified", true);
        }
        return profile;
    }

    private JWTClaimsSet verified(String token, Instant now) throws RefusedException {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                throw new RefusedException("the token is not signed with RS256");
            }
            DevSigningKey key = keys.publishedKey(jwt.getHeader().getKeyID())
                    .orElseThrow(() -> new RefusedException("the token's key is not published by this issuer"));
            if (!jwt.verify(new RSASSAVerifier(key.publicJwk()))) {
                throw new RefusedException("bad signature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!issuer.equals(claims.getIssuer())) {
                throw new RefusedException("the token is from another issuer");
            }
            if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())) {
                throw new RefusedException("the token has expired");
            }
            if (claims.getAudience() == null || !claims.getAudience().contains(endpoint())) {
                throw new RefusedException("the token's aud does not include " + endpoint());
            }
            return claims;
        } catch (ParseException e) {
            throw new RefusedException("the token is not a JWT");
        } catch (JOSEException e) {
            throw new RefusedException("the signature cannot be checked");
        }
    }

    private static String subject(JWTClaimsSet claims) {
        return Optional.ofNullable(claims.getSubject()).orElse("");
    }

    private static String scope(JWTClaimsSet claims) throws RefusedException {
        try {
            return Optional.ofNullable(claims.getStringClaim("scope")).orElse("");
        } catch (ParseException e) {
            throw new RefusedException("the token's scope is not a string");
        }
    }

    /** Why a token gets no profile; answered as 401 with {@code error="invalid_token"}. */
    static final class RefusedException extends Exception {
        RefusedException(String description) {
            super(description, null, false, false);
        }
    }
}
