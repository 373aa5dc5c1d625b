package org.ncmcp.resource.nextcloud;

/**
 * A call to Nextcloud failed in a way the caller can act on. Each subclass is one such failure; the
 * message is written for the person using the assistant, and never contains credentials.
 */
public abstract sealed class NextcloudException extends RuntimeException
        permits NextcloudAuthenticationException, NextcloudForbiddenException, NextcloudNotFoundException,
        NextcloudConflictException, NextcloudTooLargeException, NextcloudLockedException,
        NextcloudUnavailableException, NextcloudBadRequestException, NextcloudProtocolException {

    private final int status;

    protected NextcloudException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    protected NextcloudException(int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
    }

    /** The HTTP status Nextcloud answered with, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** A short, stable code for the kind of failure, for structured errors and metrics. */
    public abstract String code();
}
