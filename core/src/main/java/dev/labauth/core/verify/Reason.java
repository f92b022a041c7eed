package dev.labauth.core.verify;

/**
 * Why a request was not allowed. Each reason belongs to exactly one {@link Kind}, and the kind alone
 * decides what API Gateway answers: the caller's fault (401), the caller's rights (403) or ours (500).
 * The {@link #code()} is the stable string that logs, metrics and tests use.
 */
public enum Reason {
    MISSING_TOKEN("missing_token", Kind.UNAUTHENTICATED),
    WRONG_SCHEME("wrong_scheme", Kind.UNAUTHENTICATED),
    MALFORMED("malformed", Kind.UNAUTHENTICATED),
    TOKEN_TOO_LARGE("token_too_large", Kind.UNAUTHENTICATED),
    OPAQUE_TOKEN("opaque_token", Kind.UNAUTHENTICATED),
    ALG_NOT_ALLOWED("alg_not_allowed", Kind.UNAUTHENTICATED),
    WRONG_TYPE("wrong_type", Kind.UNAUTHENTICATED),
    WRONG_ISSUER("wrong_issuer", Kind.UNAUTHENTICATED),
    UNKNOWN_KEY("unknown_key", Kind.UNAUTHENTICATED),
    BAD_SIGNATURE("bad_signature", Kind.UNAUTHENTICATED),
    MISSING_CLAIM("missing_claim", Kind.UNAUTHENTICATED),
    EXPIRED("expired", Kind.UNAUTHENTICATED),
    NOT_YET_VALID("not_yet_valid", Kind.UNAUTHENTICATED),
    WRONG_AUDIENCE("wrong_audience", Kind.UNAUTHENTICATED),

    INSUFFICIENT_SCOPE("insufficient_scope", Kind.FORBIDDEN),

    JWKS_UNAVAILABLE("jwks_unavailable", Kind.FAILURE),
    MISCONFIGURED("misconfigured", Kind.FAILURE),
    INTERNAL_ERROR("internal_error", Kind.FAILURE);

    /** The three answers an authorizer can give for a request it does not allow. */
    public enum Kind {
        /** The credential is missing or not acceptable: 401, never cached as a Deny. */
        UNAUTHENTICATED(401),
        /** The credential is good but does not grant this route: 403 through a Deny policy. */
        FORBIDDEN(403),
        /** Our own failure (key set unreachable, bad configuration): 500, never a Deny. */
        FAILURE(500);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final String code;
    private final Kind kind;

    Reason(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }
}
