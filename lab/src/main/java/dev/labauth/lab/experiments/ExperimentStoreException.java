package dev.labauth.lab.experiments;

/** The store could not do what was asked: unreachable, misconfigured, or an error from the service. */
public final class ExperimentStoreException extends RuntimeException {
    public ExperimentStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ExperimentStoreException(String message) {
        super(message);
    }
}
