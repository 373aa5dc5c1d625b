package org.ncmcp.resource.nextcloud.dav;

import java.nio.charset.StandardCharsets;

/** What the DAV request bodies of all apps share: the prolog, escaping and the principal lookup. */
public final class DavRequestBody {

    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    private DavRequestBody() {
    }

    /** {@code root} (the document element and its content) with the XML prolog, UTF-8 encoded. */
    public static byte[] xml(String root) {
        return (PROLOG + root).getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 5397: PROPFIND for {@code current-user-principal}, the first step of home discovery. */
    public static byte[] currentUserPrincipal() {
        return xml("<d:propfind xmlns:d=\"DAV:\"><d:prop><d:current-user-principal/></d:prop></d:propfind>");
    }

    /** Text for element content or an attribute value. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
