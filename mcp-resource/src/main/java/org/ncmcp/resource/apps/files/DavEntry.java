package org.ncmcp.resource.apps.files;

/**
 * One file or folder as a PROPFIND, SEARCH or REPORT answer describes it. Nextcloud-only properties
 * ({@code oc:fileid}, {@code oc:favorite}) are null or false on plain WebDAV servers.
 *
 * @param etag without quotes and without {@code W/}; {@code weakEtag} says whether it had one
 * @param href the decoded absolute path the server gave, e.g. {@code /remote.php/dav/files/alice/a b.txt}
 */
record DavEntry(String href, boolean directory, Long size, String contentType, String lastModified, String etag,
        boolean weakEtag, String fileId, boolean favorite) {
}
