package org.ncmcp.resource.nextcloud;

/** Nextcloud rejected the credentials (401). */
public final class NextcloudAuthenticationException extends NextcloudException {

    public NextcloudAuthenticationException(int status, String message) {
        super(status, message);
    }

    @Override
    public String code() {
        return "unauthorized";
    }
}
