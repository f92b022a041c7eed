package dev.labauth.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.nimbusds.jwt.SignedJWT;
import dev.labauth.authorizer.AuthorizerEngine;
import dev.labauth.authorizer.HttpApiAuthorizer;
import dev.labauth.authorizer.RequestAuthorizer;
import dev.labauth.authorizer.TokenAuthorizer;
import dev.labauth.authorizer.event.HttpApiAuthorizerEvent;
import dev.labauth.authorizer.event.RestRequestAuthorizerEvent;
import dev.labauth.authorizer.rules.AccessRulesFile;
import dev.labauth.core.config.VerifierSettings;
import dev.labauth.core.verify.TokenVerifier;
import dev.labauth.core.verify.Verification;
import dev.labauth.local.issuer.DevIssuer;
import dev.labauth.local.issuer.DevTenant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The warm request path against its floor, in one JVM: the RSA signature check alone, the core
 * verifier, each handler from event object to response object (a token verified in full every time,
 * and a token seen before), and the runtime's serialisation around the handler.
 *
 * <p>The handlers are built as Lambda's init builds them, from an environment map
 * ({@link AuthorizerEngine#fromEnvironment}), with the bundled access rules. "warm" sets
 * {@value #TOKEN_CACHE_SECONDS}{@code =0} so that every call verifies the token in full; "repeat" leaves
 * the verified-token cache at its default. Until the authorizer has that cache, the setting is
 * ignored and "repeat" measures the same work as "warm". The key set comes from a dev issuer on
 * loopback through the production key source and is cached after the first fetch, as in a warm
 * Lambda (its TTL is set past the length of any run, so no refetch falls inside a measurement).
 * Decision log lines are built in full and handed to a sink that keeps the last one (in Lambda they
 * go to stderr; writing them to JMH's captured stderr would measure the pipe instead).
 *
 * <p>Every benchmarked decision is checked at set-up to be an Allow on {@link Auth0Token#METHOD}
 * {@link Auth0Token#PATH}; if not, set-up throws and the run fails.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {
    /** The verified-token cache's lifetime setting (read by the authorizer, when it has the cache). */
    static final String TOKEN_CACHE_SECONDS = "LABAUTH_TOKEN_CACHE_SECONDS";

    private DevIssuer issuer;
    private String token;

    private byte[] signingInput;
    private byte[] signature;
    private PublicKey publicKey;
    private Signature floorSignature;

    private TokenVerifier verifier;
    private TokenAuthorizer tokenHandler;
    private RequestAuthorizer requestHandler;
    private HttpApiAuthorizer httpHandler;
    private TokenAuthorizer tokenHandlerRepeat;
    private RequestAuthorizer requestHandlerRepeat;
    private HttpApiAuthorizer httpHandlerRepeat;

    private APIGatewayCustomAuthorizerEvent tokenEvent;
    private RestRequestAuthorizerEvent requestEvent;
    private HttpApiAuthorizerEvent httpEvent;
    private byte[] tokenEventJson;
    private PojoSerializer<APIGatewayCustomAuthorizerEvent> tokenEventSerializer;

    private IamPolicyResponse response;
    private PojoSerializer<IamPolicyResponse> responseSerializer;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);

    /** The last decision log line, kept so that building it cannot be optimised away. */
    public String lastLogLine;

    /** The environment of the benchmark's authorizer: issuer and audience of the token, bundled rules. */
    static Map<String, String> environment(String issuerUrl) {
        Map<String, String> env = new HashMap<>();
        env.put(VerifierSettings.ISSUER, issuerUrl);
        env.put(VerifierSettings.AUDIENCE, Auth0Token.AUDIENCE);
        env.put(VerifierSettings.ROLES_CLAIM, Auth0Token.ROLES_CLAIM);
        env.put(VerifierSettings.JWKS_CACHE_SECONDS, "86400");
        return env;
    }

    @Setup
    public void setUp() throws Exception {
        issuer = DevIssuer.start(0, DevTenant.builtIn(), Clock.systemUTC());
        token = issuer.sign(Auth0Token.claims(issuer.issuer(), Instant.now()));

        SignedJWT jwt = SignedJWT.parse(token);
        signingInput = jwt.getSigningInput();
        signature = jwt.getSignature().decode();
        publicKey = issuer.signingKey().publicJwk().toRSAPublicKey();
        floorSignature = Signature.getInstance("SHA256withRSA");
        floorSignature.initVerify(publicKey);

        Map<String, String> repeatEnv = environment(issuer.issuer());
        Map<String, String> warmEnv = new HashMap<>(repeatEnv);
        warmEnv.put(TOKEN_CACHE_SECONDS, "0");
        verifier = TokenVerifier.remote(VerifierSettings.fromEnvironment(repeatEnv));
        AuthorizerEngine warm = AuthorizerEngine.fromEnvironment(warmEnv, line -> lastLogLine = line);
        AuthorizerEngine repeat = AuthorizerEngine.fromEnvironment(repeatEnv, line -> lastLogLine = line);
        tokenHandler = new TokenAuthorizer(warm);
        requestHandler = new RequestAuthorizer(warm);
        httpHandler = new HttpApiAuthorizer(warm);
        tokenHandlerRepeat = new TokenAuthorizer(repeat);
        requestHandlerRepeat = new RequestAuthorizer(repeat);
        httpHandlerRepeat = new HttpApiAuthorizer(repeat);

        String authorization = "Bearer " + token;
        String method = Auth0Token.METHOD;
        String path = Auth0Token.PATH;
        JacksonFactory json = JacksonFactory.getInstance();
        tokenEventSerializer = json.getSerializer(APIGatewayCustomAuthorizerEvent.class);
        tokenEventJson = SampleEvents.token(method, path, authorization).getBytes(StandardCharsets.UTF_8);
        tokenEvent = tokenEventSerializer.fromJson(new ByteArrayInputStream(tokenEventJson));
        requestEvent = json.getSerializer(RestRequestAuthorizerEvent.class)
                .fromJson(SampleEvents.request(method, path, authorization));
        httpEvent = json.getSerializer(HttpApiAuthorizerEvent.class)
                .fromJson(SampleEvents.httpApi(method, path, authorization));
        responseSerializer = json.getSerializer(IamPolicyResponse.class);

        // Fail here, not in a number: the floor must verify, the token must verify, and every
        // benchmarked handler must answer Allow for the route.
        if (!floor()) {
            throw new IllegalStateException("floor: the token's signature does not verify with its key");
        }
        Verification verified = verifier.verify(token);
        if (!(verified instanceof Verification.Verified)) {
            throw new IllegalStateException("benchmark token does not verify: " + verified);
        }
        response = requireAllow("warmToken", () -> tokenHandler.handleRequest(tokenEvent, null));
        requireAllow("warmRequest", () -> requestHandler.handleRequest(requestEvent, null));
        requireAllow("warmHttp", () -> httpHandler.handleRequest(httpEvent, null));
        for (int i = 0; i < 2; i++) { // the second round is what "repeat" measures: a token seen before
            requireAllow("repeatToken", () -> tokenHandlerRepeat.handleRequest(tokenEvent, null));
            requireAllow("repeatRequest", () -> requestHandlerRepeat.handleRequest(requestEvent, null));
            requireAllow("repeatHttp", () -> httpHandlerRepeat.handleRequest(httpEvent, null));
        }
    }

    /**
     * Runs one handler call and insists that it was an Allow: the call returned (a refusal throws),
     * its decision log line says {@code allow}, the answer names the caller, carries no 403 reason,
     * and the policy the runtime would write allows something.
     */
    private IamPolicyResponse requireAllow(String benchmark, Supplier<IamPolicyResponse> call) {
        lastLogLine = null;
        IamPolicyResponse r;
        try {
            r = call.get();
        } catch (RuntimeException e) {
            throw notAllowed(benchmark, "the handler threw " + e, e);
        }
        String line = lastLogLine;
        if (line == null || !line.contains("\"Outcome\":\"allow\"")) {
            throw notAllowed(benchmark, "decision log line: " + line, null);
        }
        if (!Auth0Token.SUBJECT.equals(r.getPrincipalId())
                || (r.getContext() != null && r.getContext().containsKey("reason"))) {
            throw notAllowed(benchmark, "principalId " + r.getPrincipalId() + ", context " + r.getContext(), null);
        }
        out.reset();
        responseSerializer.toJson(r, out);
        if (!out.toString(StandardCharsets.UTF_8).contains("\"Effect\":\"Allow\"")) {
            throw notAllowed(benchmark, "policy " + out.toString(StandardCharsets.UTF_8), null);
        }
        return r;
    }

    private static IllegalStateException notAllowed(String benchmark, String detail, Throwable cause) {
        String rule = AccessRulesFile.bundled().match(Auth0Token.METHOD, Auth0Token.PATH)
                .map(r -> "the bundled rules require " + r.describe())
                .orElse("the bundled rules list no such route");
        return new IllegalStateException(benchmark + ": the benchmark token is not allowed on " + Auth0Token.METHOD
                + " " + Auth0Token.PATH + " (" + rule + "); " + detail, cause);
    }

    @TearDown
    public void tearDown() {
        issuer.close();
    }

    /** The floor: one RSA-2048 SHA-256 signature check over the token's signing input, with a ready Signature. */
    @Benchmark
    public boolean floor() throws Exception {
        floorSignature.update(signingInput);
        return floorSignature.verify(signature);
    }

    /** The floor plus what a JCA caller pays to get a Signature for a key (as Nimbus does per token). */
    @Benchmark
    public boolean floorNewSignature() throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(publicKey);
        s.update(signingInput);
        return s.verify(signature);
    }

    /** Core verification, key set cached: parse, header checks, issuer, key, signature, claims, principal. */
    @Benchmark
    public Verification coreVerify() {
        return verifier.verify(token);
    }

    @Benchmark
    public IamPolicyResponse warmToken() {
        return tokenHandler.handleRequest(tokenEvent, null);
    }

    @Benchmark
    public IamPolicyResponse warmRequest() {
        return requestHandler.handleRequest(requestEvent, null);
    }

    @Benchmark
    public IamPolicyResponse warmHttp() {
        return httpHandler.handleRequest(httpEvent, null);
    }

    @Benchmark
    public IamPolicyResponse repeatToken() {
        return tokenHandlerRepeat.handleRequest(tokenEvent, null);
    }

    @Benchmark
    public IamPolicyResponse repeatRequest() {
        return requestHandlerRepeat.handleRequest(requestEvent, null);
    }

    @Benchmark
    public IamPolicyResponse repeatHttp() {
        return httpHandlerRepeat.handleRequest(httpEvent, null);
    }

    /** The runtime writing our response, as it does after every invocation (not our code, but on the path). */
    @Benchmark
    public int runtimeWritesResponse() {
        out.reset();
        responseSerializer.toJson(response, out);
        return out.size();
    }

    /** The runtime reading a TOKEN event, as it does before every invocation (not our code, but on the path). */
    @Benchmark
    public APIGatewayCustomAuthorizerEvent runtimeReadsTokenEvent() {
        return tokenEventSerializer.fromJson(new ByteArrayInputStream(tokenEventJson));
    }
}
