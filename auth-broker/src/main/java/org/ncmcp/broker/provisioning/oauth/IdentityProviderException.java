package org.ncmcp.broker.provisioning.oauth;

/**
 * The IdP answered with an OAuth error or could not be reached. The message names the endpoint, the status and the
 * IdP's {@code error}/{@code error_description}; never a token.
 */
public class IdentityProviderException extends RuntimeException {

    private final int status;
    private final String error;
    private final String description;

    IdentityProviderException(String message, int status, String error, String description, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
        this.description = description;
    }

    /** The HTTP status, or 0 when the IdP was not reached. */
    public int status() {
        return status;
    }

    /** The OAuth {@code error} code, or null. */
    public String error() {
        return error;
    }

    /** The IdP's {@code error_description}, or an empty string. */
    public String description() {
        return description == null ? "" : description;
    }

    /** The grant presented (refresh token, code, subject token) is no longer accepted: the person must reconnect. */
    public boolean grantRejected() {
        return "invalid_grant".equals(error) || "invalid_token".equals(error) || status == 401 && error == null;
    }
}
