package org.ncmcp.resource.nextcloud;

/** Forbidden (403). */
public final class NextcloudForbiddenException extends NextcloudException {

    public NextcloudForbiddenException(int status, String message) {
        super(status, message);
    }

    @Override
    public String code() {
        return "forbidden";
    }
}
