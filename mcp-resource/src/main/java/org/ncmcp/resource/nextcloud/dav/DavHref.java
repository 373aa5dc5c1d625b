package org.ncmcp.resource.nextcloud.dav;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Hrefs in DAV answers may be absolute URLs or paths, percent-encoded (RFC 4918 §8.3). */
public final class DavHref {

    private DavHref() {
    }

    /** The path of {@code href}, still percent-encoded. */
    public static String path(String href) {
        return href.startsWith("http://") || href.startsWith("https://") ? URI.create(href).getRawPath() : href;
    }

    /** The decoded path of {@code href}, to compare with paths we built; a literal {@code +} stays a plus. */
    public static String decodedPath(String href) {
        return URLDecoder.decode(path(href).replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
