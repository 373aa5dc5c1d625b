package org.ncmcp.broker.client.upstream;

/**
 * The upstream IdP did not register the client: it refused (a 4xx with its RFC 7591 {@code error}), kept
 * answering 429/503 beyond our patience, or could not be reached. The message says which.
 */
public class UpstreamRegistrationException extends RuntimeException {

    private final int status;
    private final String error;
    private final String errorDescription;

    public UpstreamRegistrationException(String message, int status, String error, String errorDescription, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
        this.errorDescription = errorDescription;
    }

    public UpstreamRegistrationException(String message) {
        this(message, 0, null, null, null);
    }

    /** The IdP's last HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The IdP's RFC 7591 §3.2.2 {@code error} code (e.g. {@code invalid_redirect_uri}), or null. */
    public String error() {
        return error;
    }

    /** The IdP's {@code error_description}, or null. */
    public String errorDescription() {
        return errorDescription;
    }
}
