package org.ncmcp.resource.nextcloud;

/** Locked (423). */
public final class NextcloudLockedException extends NextcloudException {

    public NextcloudLockedException(int status, String message) {
        super(status, message);
    }

    @Override
    public String code() {
        return "locked";
    }
}
