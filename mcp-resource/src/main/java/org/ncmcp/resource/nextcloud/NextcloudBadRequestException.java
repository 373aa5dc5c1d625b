package org.ncmcp.resource.nextcloud;

/** Nextcloud refused the request as invalid (400/422). */
public final class NextcloudBadRequestException extends NextcloudException {

    public NextcloudBadRequestException(int status, String message) {
        super(status, message);
    }

    @Override
    public String code() {
        return "bad_request";
    }
}
