package org.ncmcp.resource.nextcloud;

/** Not found (404). */
public final class NextcloudNotFoundException extends NextcloudException {

    public NextcloudNotFoundException(int status, String message) {
        super(status, message);
    }

    @Override
    public String code() {
        return "not_found";
    }
}
