package org.ncmcp.resource.nextcloud;

/** Nextcloud could not be reached, timed out, kept answering 429/503, or failed with a 5xx. */
public final class NextcloudUnavailableException extends NextcloudException {

    public NextcloudUnavailableException(int status, String message) {
        super(status, message);
    }

    public NextcloudUnavailableException(String message, Throwable cause) {
        super(0, message, cause);
    }

    @Override
    public String code() {
        return status() == 429 ? "rate_limited" : "unavailable";
    }
}
