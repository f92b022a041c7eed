package dev.labauth.benchmarks;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.keys.FixedKeySource;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;
import dev.labauth.local.issuer.DevSigningKey;
import dev.labauth.local.issuer.TokenMinter;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the JCA provider does to the floor and to whole token verification, RS256 and ES256 (issue #6
 * §4): the JDK's own providers, or the Amazon Corretto Crypto Provider installed first. JMH forks a
 * fresh JVM for each value of {@code provider}, so the two never share a process.
 *
 * <p>ACCP is installed here directly (it is a dependency of this module only); whatever switch the
 * authorizer offers for it is not involved. Core's RS* check also re-opens the signature with
 * {@code BigInteger.modPow} to hold it to the one PKCS#1 v1.5 encoding; that part never goes through a
 * JCA provider, so ACCP cannot speed it up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CryptoProviderBenchmark {
    private static final String ISSUER = "https://lab.eu.auth0.com/";

    @Param({"jdk", "accp"})
    public String provider;

    private byte[] rsInput;
    private byte[] rsSignature;
    private Signature rsFloor;
    private String rsToken;
    private TokenVerifier rsVerifier;

    private byte[] esInput;
    private byte[] esSignatureDer;
    private Signature esFloor;
    private String esToken;
    private TokenVerifier esVerifier;

    @Setup
    public void setUp() throws Exception {
        if (provider.equals("accp")) {
            AmazonCorrettoCryptoProvider.install();
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
        }
        Instant now = Instant.now();
        DevSigningKey rsa = DevSigningKey.generate();
        rsToken = TokenMinter.sign(rsa, Auth0Token.claims(ISSUER, now));
        SignedJWT rs = SignedJWT.parse(rsToken);
        rsInput = rs.getSigningInput();
        rsSignature = rs.getSignature().decode();
        rsFloor = ready("SHA256withRSA", rsa.publicJwk().toRSAPublicKey());
        rsVerifier = verifier("RS256", new JWKSet(rsa.publicJwk()));

        ECKey ec = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                .keyID("bench-es256").generate();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        Auth0Token.claims(ISSUER, now).forEach(claims::claim);
        SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(ec.getKeyID()).build(), claims.build());
        es.sign(new ECDSASigner(ec));
        esToken = es.serialize();
        esInput = es.getSigningInput();
        esSignatureDer = ECDSA.transcodeSignatureToDER(es.getSignature().decode());
        esFloor = ready("SHA256withECDSA", ec.toECPublicKey());
        esVerifier = verifier("ES256", new JWKSet(ec.toPublicJWK()));

        // Fail here, not in a number: the provider asked for must be the one measured, and every path must verify.
        String accp = "AmazonCorrettoCryptoProvider";
        for (Signature s : new Signature[] {rsFloor, esFloor}) {
            boolean isAccp = s.getProvider().getName().equals(accp);
            if (isAccp != provider.equals("accp")) {
                throw new IllegalStateException(s.getAlgorithm() + " comes from " + s.getProvider() + " with provider=" + provider);
            }
        }
        Verification rsResult = rs256Verify();
        Verification esResult = es256Verify();
        if (!rs256Floor() || !es256Floor() || !(rsResult instanceof Verification.Verified)
                || !(esResult instanceof Verification.Verified)) {
            throw new IllegalStateException("benchmark tokens do not verify: RS256 " + rsResult + ", ES256 " + esResult);
        }
    }

    private static Signature ready(String algorithm, PublicKey key) throws Exception {
        Signature s = Signature.getInstance(algorithm);
        s.initVerify(key);
        return s;
    }

    private static TokenVerifier verifier(String algorithm, JWKSet keys) {
        VerifierSettings settings = VerifierSettings.fromEnvironment(Map.of(
                VerifierSettings.ISSUER, ISSUER, VerifierSettings.AUDIENCE, Auth0Token.AUDIENCE,
                VerifierSettings.ALGORITHMS, algorithm, VerifierSettings.ROLES_CLAIM, Auth0Token.ROLES_CLAIM));
        return new TokenVerifier(settings, issuer -> new FixedKeySource(keys), Clock.systemUTC());
    }

    @Benchmark
    public boolean rs256Floor() throws Exception {
        rsFloor.update(rsInput);
        return rsFloor.verify(rsSignature);
    }

    @Benchmark
    public Verification rs256Verify() {
        return rsVerifier.verify(rsToken);
    }

    @Benchmark
    public boolean es256Floor() throws Exception {
        esFloor.update(esInput);
        return esFloor.verify(esSignatureDer);
    }

    @Benchmark
    public Verification es256Verify() {
        return esVerifier.verify(esToken);
    }
}
