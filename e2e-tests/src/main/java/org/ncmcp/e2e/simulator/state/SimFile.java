package org.ncmcp.e2e.simulator.state;

/**
 * A file in a user's tree. Notes and (later) recipes are files, so deleting one through any API
 * deletes it everywhere, as in Nextcloud.
 *
 * @param path path below the user's root without a leading slash, e.g. {@code Notes/Work/Plan.md}
 */
public record SimFile(long id, String userId, String path, byte[] content, String contentType, long modifiedEpochSecond,
        boolean favorite, boolean readonly) {

    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    public String parent() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    SimFile withContent(byte[] newContent, long modified) {
        return new SimFile(id, userId, path, newContent, contentType, modified, favorite, readonly);
    }

    SimFile withPath(String newPath, long modified) {
        return new SimFile(id, userId, newPath, content, contentType, modified, favorite, readonly);
    }

    SimFile withFlags(boolean newFavorite, boolean newReadonly) {
        return new SimFile(id, userId, path, content, contentType, modifiedEpochSecond, newFavorite, newReadonly);
    }
}
