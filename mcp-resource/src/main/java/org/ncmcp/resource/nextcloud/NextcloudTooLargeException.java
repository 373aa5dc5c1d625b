package org.ncmcp.resource.nextcloud;

/** Too large (413/507). */
public final class NextcloudTooLargeException extends NextcloudException {

    public NextcloudTooLargeException(int status, String message) {
        super(status, message);
    }

    @Override
    public String code() {
        return "too_large";
    }
}
