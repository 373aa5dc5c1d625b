package org.ncmcp.resource.nextcloud.dav;

import org.w3c.dom.Element;

/**
 * One {@code d:response} of a multistatus: its href as sent and the {@code d:prop} of its 200 propstat (null when the
 * server found none of the properties asked for).
 */
public record DavResponse(String href, Element prop) {

    /** The href's path, still percent-encoded. */
    public String path() {
        return DavHref.path(href);
    }

    /** The href's path, decoded. */
    public String decodedPath() {
        return DavHref.decodedPath(href);
    }

    /** A property's trimmed text; null when it is missing or empty. */
    public String text(String namespace, String name) {
        return Multistatus.text(prop, namespace, name);
    }

    /** A property's element, for structured values; null when it is missing. */
    public Element element(String namespace, String name) {
        return Multistatus.child(prop, namespace, name);
    }

    /** Whether {@code d:resourcetype} names {@code namespace:type}, e.g. {@code DAV:collection}. */
    public boolean isOfType(String namespace, String type) {
        return Multistatus.child(element(Multistatus.DAV, "resourcetype"), namespace, type) != null;
    }
}
