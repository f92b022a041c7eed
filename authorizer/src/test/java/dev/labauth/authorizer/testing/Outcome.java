package dev.labauth.authorizer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What one invocation produced: the return value or the thrown error, and the log lines written
 * meanwhile. The assertions encode the outcome table of DESIGN.md.
 */
public record Outcome(Handler handler, String credential, Object response, RuntimeException error, List<String> lines) {
    private static final int LEAK_WINDOW = 16;

    /** The one decision line of this invocation (exactly one is written per decision). */
    public Map<String, Object> decision() {
        List<String> decisions = lines.stream().filter(l -> RuntimeJson.parse(l).containsKey("Outcome")).toList();
        assertThat(decisions).as("decision lines written by one %s invocation", handler).hasSize(1);
        return RuntimeJson.parse(decisions.get(0));
    }

    /** Allowed: a response, no error; the log says allow. Returns the serialised response, parsed. */
    public Map<String, Object> assertAllowed() {
        assertThat(error).as("error thrown by %s", handler).isNull();
        assertThat(response).isNotNull();
        Map<String, Object> line = decision();
        assertThat(line).containsEntry("Outcome", "allow").containsEntry("Reason", "none")
                .containsEntry("Authorizer", handler.logName());
        assertCredentialNotLogged();
        assertCredentialFingerprinted();
        return RuntimeJson.parse(handler.responseBytes(response));
    }

    /** 401: the handler throws, the message is exactly {@code Unauthorized}, the log names the reason. */
    public Outcome assertUnauthorized(String reason) {
        assertThat(response).as("%s returned a response instead of failing", handler).isNull();
        assertThat(error).as("error thrown by %s", handler).isNotNull();
        assertThat(error.getMessage()).isEqualTo("Unauthorized");
        Map<String, Object> line = decision();
        assertThat(line).containsEntry("Authorizer", handler.logName())
                .containsEntry("Outcome", "unauthorized")
                .containsEntry("Reason", reason);
        assertCredentialNotLogged();
        return this;
    }

    /** 500: the handler throws an error whose message is anything but {@code Unauthorized}; never a policy. */
    public Outcome assertServerError(String reason) {
        assertThat(response).as("%s returned a response instead of failing", handler).isNull();
        assertThat(error).as("error thrown by %s", handler).isNotNull();
        assertThat(error.getMessage()).isNotEqualTo("Unauthorized");
        Map<String, Object> line = decision();
        assertThat(line).containsEntry("Authorizer", handler.logName())
                .containsEntry("Outcome", "error")
                .containsEntry("Reason", reason);
        assertCredentialNotLogged();
        return this;
    }

    /**
     * No line carries the credential or any distinctive part of it (a JWT's payload or signature).
     * Where the decision names the credential, it is by {@code credentialSha256} only: the first
     * 16 hex digits of its SHA-256.
     */
    public void assertCredentialNotLogged() {
        if (credential == null || credential.isBlank()) {
            assertThat(decision()).doesNotContainKey("credentialSha256");
            return;
        }
        for (String line : lines) {
            assertThat(line).doesNotContain(credential);
            // Nor any 16-character piece of it: a log line may not carry a token's tail or payload either.
            for (int i = 0; i + LEAK_WINDOW <= credential.length(); i++) {
                String piece = credential.substring(i, i + LEAK_WINDOW);
                if (line.contains(piece)) {
                    throw new AssertionError("log line carries part of the credential (" + piece + "): " + line);
                }
            }
        }
        Object fingerprint = decision().get("credentialSha256");
        if (fingerprint != null) {
            assertThat(fingerprint).isEqualTo(sha256Prefix(credential));
        }
    }

    /** The decision was taken on the credential and names it by its fingerprint. */
    public Outcome assertCredentialFingerprinted() {
        assertThat(credential).isNotBlank();
        assertThat(decision()).containsEntry("credentialSha256", sha256Prefix(credential));
        return this;
    }

    public String description() {
        return (String) decision().get("description");
    }

    static String sha256Prefix(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
