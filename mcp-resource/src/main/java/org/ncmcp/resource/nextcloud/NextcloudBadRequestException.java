package org.ncmcp.resource.nextcloud;

/**
 * Nextcloud refused the request as invalid (400/422). {@link #reason()} is Nextcloud's own explanation (sanitised,
 * bounded), empty when it gave none; the message already includes it.
 */
public final class NextcloudBadRequestException extends NextcloudException {

    private final String reason;

    public NextcloudBadRequestException(int status, String message) {
        this(status, message, "");
    }

    public NextcloudBadRequestException(int status, String message, String reason) {
        super(status, message);
        this.reason = reason == null ? "" : reason;
    }

    /** What Nextcloud said was wrong, or empty. */
    public String reason() {
        return reason;
    }

    @Override
    public String code() {
        return "bad_request";
    }
}
