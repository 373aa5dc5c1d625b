package org.ncmcp.resource.apps.files;

import static org.ncmcp.resource.nextcloud.dav.DavRequestBody.escape;
import static org.ncmcp.resource.nextcloud.dav.DavRequestBody.xml;
import static org.ncmcp.resource.nextcloud.dav.Multistatus.DAV;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ncmcp.resource.nextcloud.NextcloudResponse;
import org.ncmcp.resource.nextcloud.dav.DavHref;
import org.ncmcp.resource.nextcloud.dav.DavRequestBody;
import org.ncmcp.resource.nextcloud.dav.DavResponse;
import org.ncmcp.resource.nextcloud.dav.Multistatus;

/** The Files WebDAV XML: PROPFIND/SEARCH/REPORT bodies, and 207 multistatus answers read as {@link DavEntry}s. */
final class DavXml {

    static final String OC = "http://owncloud.org/ns";

    private static final String PROPS = "<d:prop><d:resourcetype/><d:getcontentlength/><d:getcontenttype/>"
            + "<d:getlastmodified/><d:getetag/><oc:fileid/><oc:favorite/><oc:size/></d:prop>";

    private DavXml() {
    }

    static byte[] propfind() {
        return xml("<d:propfind xmlns:d=\"DAV:\" xmlns:oc=\"" + OC + "\">" + PROPS + "</d:propfind>");
    }

    static byte[] currentUserPrincipal() {
        return DavRequestBody.currentUserPrincipal();
    }

    /** Nextcloud's favorites listing (the web UI's own request; not part of any RFC). */
    static byte[] favoritesReport() {
        return xml("<oc:filter-files xmlns:d=\"DAV:\" xmlns:oc=\"" + OC + "\">" + PROPS
                + "<oc:filter-rules><oc:favorite>1</oc:favorite></oc:filter-rules></oc:filter-files>");
    }

    /**
     * RFC 5323 basicsearch as Nextcloud's files search accepts it ({@code apps/dav/lib/Files/FileSearchBackend.php}):
     * scope {@code /files/<user>/<folder>}, {@code like} with {@code %} wildcards on displayname and getcontenttype,
     * {@code eq} on {@code oc:favorite}.
     */
    static byte[] basicSearch(String scopeHref, String nameLike, String typeLike, boolean favorites, int limit) {
        List<String> conditions = new ArrayList<>();
        if (nameLike != null) {
            conditions.add("<d:like><d:prop><d:displayname/></d:prop><d:literal>" + escape(nameLike)
                    + "</d:literal></d:like>");
        }
        if (typeLike != null) {
            conditions.add("<d:like><d:prop><d:getcontenttype/></d:prop><d:literal>" + escape(typeLike)
                    + "</d:literal></d:like>");
        }
        if (favorites) {
            conditions.add("<d:eq><d:prop><oc:favorite/></d:prop><d:literal>1</d:literal></d:eq>");
        }
        if (conditions.isEmpty()) {
            conditions.add("<d:like><d:prop><d:displayname/></d:prop><d:literal>%</d:literal></d:like>");
        }
        String where = conditions.size() == 1 ? conditions.get(0) : "<d:and>" + String.join("", conditions) + "</d:and>";
        return xml("<d:searchrequest xmlns:d=\"DAV:\" xmlns:oc=\"" + OC + "\"><d:basicsearch><d:select>" + PROPS
                + "</d:select><d:from><d:scope><d:href>" + escape(scopeHref) + "</d:href><d:depth>infinity</d:depth>"
                + "</d:scope></d:from><d:where>" + where + "</d:where><d:orderby/><d:limit><d:nresults>" + limit
                + "</d:nresults></d:limit></d:basicsearch></d:searchrequest>");
    }

    /** The decoded {@code current-user-principal} href of a PROPFIND answer. */
    static Optional<String> principalHref(byte[] multistatus) {
        return Multistatus.firstHref(multistatus, DAV, "current-user-principal").map(DavHref::decodedPath);
    }

    /** Every {@code d:response} of a multistatus with its 200 properties. */
    static List<DavEntry> entries(byte[] multistatus) {
        List<DavEntry> entries = new ArrayList<>();
        for (DavResponse response : Multistatus.responses(multistatus)) {
            boolean directory = response.isOfType(DAV, "collection");
            Long size = number(response.text(DAV, "getcontentlength"));
            if (size == null) {
                size = number(response.text(OC, "size"));
            }
            String etag = response.text(DAV, "getetag");
            String path = response.decodedPath();
            String contentType = response.text(DAV, "getcontenttype");
            if (contentType == null && !directory) {
                // Nextcloud always sends getcontenttype; minimal servers (sabre 1.8 FSExt) do not: guess by name.
                contentType = MediaTypes.byName(path);
            }
            entries.add(new DavEntry(path, directory, size, contentType, response.text(DAV, "getlastmodified"),
                    etag == null ? null : NextcloudResponse.unquoteEtag(etag), etag != null && etag.startsWith("W/"),
                    response.text(OC, "fileid"), "1".equals(response.text(OC, "favorite"))));
        }
        return entries;
    }

    private static Long number(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
