package dev.labauth.authorizer;

import java.util.Optional;

/**
 * The optional Amazon Corretto Crypto Provider (ACCP). It is not a dependency of the deployment jar:
 * its native code would more than double the jar, and installing it costs hundreds of milliseconds of
 * cold start, so a function that wants faster signature checks adds it (a layer) and sets
 * {@code LABAUTH_CRYPTO_PROVIDER=accp}. It is reached by name, through reflection, for that reason.
 */
public final class CryptoProviders {
    static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private CryptoProviders() {
    }

    /**
     * Installs ACCP as the most preferred provider and checks that its native part works. Empty on
     * success; otherwise the configuration problem to report (an absent or broken provider must not be
     * a silent fall-back to the JDK, nor a crash of the function's init).
     */
    public static Optional<String> installAccp() {
        return install(ACCP_CLASS);
    }

    /** ACCP's documented entry points: static {@code install()}, then {@code INSTANCE.assertHealthy()}. */
    static Optional<String> install(String className) {
        try {
            Class<?> provider = Class.forName(className);
            provider.getMethod("install").invoke(null);
            Object instance = provider.getField("INSTANCE").get(null);
            provider.getMethod("assertHealthy").invoke(instance);
            return Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.of(AuthorizerSettings.CRYPTO_PROVIDER + "=accp, but the Amazon Corretto Crypto Provider"
                    + " is not on the classpath (add it, e.g. as a layer, or unset " + AuthorizerSettings.CRYPTO_PROVIDER + ")");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
            return Optional.of(AuthorizerSettings.CRYPTO_PROVIDER + "=accp, but the Amazon Corretto Crypto Provider"
                    + " cannot be used: " + cause);
        }
    }
}
