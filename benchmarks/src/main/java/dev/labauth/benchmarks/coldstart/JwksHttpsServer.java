package dev.labauth.benchmarks.coldstart;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.labauth.benchmarks.Auth0Token;
import dev.labauth.benchmarks.SampleEvents;
import dev.labauth.local.issuer.DevSigningKey;
import dev.labauth.local.issuer.TokenMinter;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The issuer side of the cold-start harness: an Auth0-like JWKS endpoint over HTTPS on 127.0.0.1
 * (the certificate is the self-signed one coldstart.sh makes and tells every client to trust), and
 * the files each measured process reads: a realistic access token signed by the current key, AWS's
 * sample TOKEN event carrying it (for {@code GET /experiments}, a route the bundled access rules allow
 * this token), and the issuer URL. Like Auth0 it publishes the current and the next key. It stops by
 * itself after the given number of seconds.
 *
 * <p>Usage: {@code JwksHttpsServer DIR KEYSTORE.p12 PASSWORD MAX_SECONDS}
 */
public final class JwksHttpsServer {
    private JwksHttpsServer() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        char[] password = args[2].toCharArray();
        int maxSeconds = Integer.parseInt(args[3]);

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            keyStore.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        DevSigningKey current = DevSigningKey.generate();
        DevSigningKey next = DevSigningKey.generate();
        byte[] jwks = JSONObjectUtils.toJSONString(
                new JWKSet(List.of(current.publicJwk(), next.publicJwk())).toJSONObject(true))
                .getBytes(StandardCharsets.UTF_8);
        AtomicInteger served = new AtomicInteger();

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/.well-known/jwks.json", exchange -> {
            served.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "public, max-age=15, stale-while-revalidate=15");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();

        String issuer = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
        String token = TokenMinter.sign(current, Auth0Token.claims(issuer, Instant.now()));
        Files.writeString(dir.resolve("token.txt"), token);
        Files.writeString(dir.resolve("event-token.json"), SampleEvents.token(Auth0Token.METHOD, Auth0Token.PATH, "Bearer " + token));
        Files.writeString(dir.resolve("env.sh"), String.join("\n",
                "export AUTH0_ISSUER='" + issuer + "'",
                "export AUTH0_AUDIENCE='" + Auth0Token.AUDIENCE + "'",
                "export JWKS_URI='" + issuer + ".well-known/jwks.json'", ""));
        Files.writeString(dir.resolve("ready"), issuer);
        System.err.println("jwks-https: serving " + issuer + ".well-known/jwks.json for at most " + maxSeconds + " s");

        Thread.sleep(maxSeconds * 1000L);
        server.stop(0);
        System.err.println("jwks-https: stopped after serving the key set " + served.get() + " times");
        System.exit(0);
    }
}
