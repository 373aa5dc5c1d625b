package org.ncmcp.resource.nextcloud;

/**
 * The resource changed since the caller read it (412 Precondition Failed on an {@code If-Match}), or
 * a target already exists. Carries Nextcloud's response body, because some APIs (Notes) send the
 * current version there, and the current etag when known, so the caller can re-read and merge.
 */
public final class NextcloudConflictException extends NextcloudException {

    private final byte[] responseBody;
    private final String currentEtag;

    public NextcloudConflictException(int status, String message, byte[] responseBody, String currentEtag) {
        super(status, message);
        this.responseBody = responseBody == null ? new byte[0] : responseBody.clone();
        this.currentEtag = currentEtag;
    }

    public byte[] responseBody() {
        return responseBody.clone();
    }

    /** The etag of the version now on the server, or null when Nextcloud did not say. */
    public String currentEtag() {
        return currentEtag;
    }

    public NextcloudConflictException withMessage(String message, String etag) {
        return new NextcloudConflictException(status(), message, responseBody, etag);
    }

    @Override
    public String code() {
        return "conflict";
    }
}
