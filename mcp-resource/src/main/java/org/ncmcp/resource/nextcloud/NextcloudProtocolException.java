package org.ncmcp.resource.nextcloud;

/** Nextcloud answered with something we could not understand (unexpected status or body). */
public final class NextcloudProtocolException extends NextcloudException {

    public NextcloudProtocolException(int status, String message) {
        super(status, message);
    }

    public NextcloudProtocolException(int status, String message, Throwable cause) {
        super(status, message, cause);
    }

    @Override
    public String code() {
        return "unexpected_response";
    }
}
