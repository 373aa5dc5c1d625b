package org.ncmcp.resource.credentials;

/**
 * The one seam through which tools obtain the Nextcloud credential for the current caller. Single-user
 * mode answers with the configured app password; multi-user mode answers with a short-lived lease from
 * the auth-broker. Which implementation is a bean is a wiring decision; tools never branch on it.
 */
public interface CredentialSource {

    /** The credential for the caller of the current request. */
    NextcloudCredential currentCredential();

    /**
     * What the person should do when Nextcloud rejects the credential (HTTP 401); shown in the tool
     * error, so it names settings or steps, never the secret.
     */
    String rejectionAdvice();

    /** Nextcloud answered 401 to {@code credential}: forget it, so the next call does not reuse it. */
    default void credentialRejected(NextcloudCredential credential) {
    }
}
