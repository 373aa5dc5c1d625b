package org.ncmcp.e2e.simulator.state;

/**
 * A file in a user's tree as read from {@link org.ncmcp.e2e.simulator.files.FileTree}: notes and recipes are
 * files, so deleting one through any API (or WebDAV) deletes it everywhere, as in Nextcloud.
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
}
