package dev.labauth.core.testing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JWKS endpoint on 127.0.0.1 that the test controls: what it publishes, how it answers (a delay,
 * a redirect, an error status) and how many times it was asked. The issuer it stands for is
 * {@code http://127.0.0.1:PORT/}, so its key set sits where the verifier derives it from the issuer.
 */
public final class JwksServer implements AutoCloseable {
    public static final String JWKS_PATH = "/.well-known/jwks.json";
    public static final String OTHER_PATH = "/elsewhere/jwks.json";

    private final HttpServer server;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger otherRequests = new AtomicInteger();
    private volatile String body = "{\"keys\":[]}";
    private volatile Duration delay = Duration.ZERO;
    private volatile int status = 200;
    private volatile boolean redirect;
    private volatile String redirectLocation;
    private volatile int redirectStatus = 302;

    private JwksServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext(JWKS_PATH, this::serveJwks);
        server.createContext(OTHER_PATH, exchange -> {
            otherRequests.incrementAndGet();
            respond(exchange, 200, body);
        });
        server.start();
    }

    /** Starts on a free loopback port. */
    public static JwksServer start() {
        return startOn(0);
    }

    /** Starts on this loopback port (used to bring a "dead" endpoint back to life). */
    public static JwksServer startOn(int port) {
        try {
            return new JwksServer(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port with nothing listening on it (bound once, then released). */
    public static int unusedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String issuerOn(int port) {
        return "http://127.0.0.1:" + port + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String issuer() {
        return issuerOn(port());
    }

    public URI jwksUri() {
        return URI.create("http://127.0.0.1:" + port() + JWKS_PATH);
    }

    /** Publishes the public halves of these keys. */
    public JwksServer publish(JWK... keys) {
        return publishRaw(new JWKSet(List.of(keys)).toPublicJWKSet().toString());
    }

    public JwksServer publishRaw(String document) {
        this.body = document;
        return this;
    }

    /** Each answer waits this long before it is sent (the endpoint's behaviour, not the test's clock). */
    public JwksServer delayAnswers(Duration d) {
        this.delay = d;
        return this;
    }

    /** Answers the JWKS path with a 302 to {@link #OTHER_PATH}, which serves the key set. */
    public JwksServer redirectElsewhere() {
        this.redirect = true;
        return this;
    }

    /** Answers the JWKS path with this redirect status to any location (another host, another scheme). */
    public JwksServer redirectTo(String location, int status) {
        this.redirect = true;
        this.redirectLocation = location;
        this.redirectStatus = status;
        return this;
    }

    public JwksServer answerStatus(int httpStatus) {
        this.status = httpStatus;
        return this;
    }

    /** How many times the JWKS path was requested. */
    public int requests() {
        return jwksRequests.get();
    }

    /** How many times the redirect target was requested. */
    public int redirectTargetRequests() {
        return otherRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serveJwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (redirect) {
            String location = redirectLocation != null ? redirectLocation : "http://127.0.0.1:" + port() + OTHER_PATH;
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(redirectLocation != null ? redirectStatus : 302, -1);
            exchange.close();
            return;
        }
        respond(exchange, status, body);
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGaveUp) {
            // a client that stops reading a document over its size limit closes the connection: expected
        }
    }
}
