package org.ncmcp.resource.apps.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The WebDAV XML we send and read: PROPFIND/SEARCH/REPORT bodies and 207 multistatus answers. */
final class DavXml {

    static final String DAV = "DAV:";
    static final String OC = "http://owncloud.org/ns";

    private static final String PROPS = "<d:prop><d:resourcetype/><d:getcontentlength/><d:getcontenttype/>"
            + "<d:getlastmodified/><d:getetag/><oc:fileid/><oc:favorite/><oc:size/></d:prop>";

    private DavXml() {
    }

    static byte[] propfind() {
        return utf8("<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\" xmlns:oc=\"" + OC + "\">"
                + PROPS + "</d:propfind>");
    }

    static byte[] currentUserPrincipal() {
        return utf8("<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\"><d:prop>"
                + "<d:current-user-principal/></d:prop></d:propfind>");
    }

    /** Nextcloud's favorites listing (the web UI's own request; not part of any RFC). */
    static byte[] favoritesReport() {
        return utf8("<?xml version=\"1.0\" encoding=\"utf-8\"?><oc:filter-files xmlns:d=\"DAV:\" xmlns:oc=\"" + OC
                + "\">" + PROPS + "<oc:filter-rules><oc:favorite>1</oc:favorite></oc:filter-rules></oc:filter-files>");
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
        return utf8("<?xml version=\"1.0\" encoding=\"utf-8\"?><d:searchrequest xmlns:d=\"DAV:\" xmlns:oc=\"" + OC
                + "\"><d:basicsearch><d:select>" + PROPS + "</d:select><d:from><d:scope><d:href>" + escape(scopeHref)
                + "</d:href><d:depth>infinity</d:depth></d:scope></d:from><d:where>" + where + "</d:where>"
                + "<d:orderby/><d:limit><d:nresults>" + limit + "</d:nresults></d:limit></d:basicsearch>"
                + "</d:searchrequest>");
    }

    /** The {@code current-user-principal} href of a PROPFIND answer. */
    static Optional<String> principalHref(byte[] multistatus) {
        Document document = parse(multistatus);
        NodeList principals = document.getElementsByTagNameNS(DAV, "current-user-principal");
        for (int i = 0; i < principals.getLength(); i++) {
            Element href = firstChild((Element) principals.item(i), DAV, "href");
            if (href != null && !href.getTextContent().isBlank()) {
                return Optional.of(decodeHref(href.getTextContent().trim()));
            }
        }
        return Optional.empty();
    }

    /** Every {@code d:response} of a multistatus with its 200 properties. */
    static List<DavEntry> entries(byte[] multistatus) {
        Document document = parse(multistatus);
        List<DavEntry> entries = new ArrayList<>();
        NodeList responses = document.getElementsByTagNameNS(DAV, "response");
        for (int i = 0; i < responses.getLength(); i++) {
            Element response = (Element) responses.item(i);
            Element href = firstChild(response, DAV, "href");
            if (href == null) {
                continue;
            }
            Element prop = okProp(response);
            boolean directory = prop != null && firstChild(prop, DAV, "resourcetype") != null
                    && firstChild(firstChild(prop, DAV, "resourcetype"), DAV, "collection") != null;
            Long size = number(text(prop, DAV, "getcontentlength"));
            if (size == null) {
                size = number(text(prop, OC, "size"));
            }
            String etag = text(prop, DAV, "getetag");
            String path = decodeHref(href.getTextContent().trim());
            String contentType = text(prop, DAV, "getcontenttype");
            if (contentType == null && !directory) {
                // Nextcloud always sends getcontenttype; minimal servers (sabre 1.8 FSExt) do not: guess by name.
                contentType = MediaTypes.byName(path);
            }
            entries.add(new DavEntry(path, directory, size, contentType, text(prop, DAV, "getlastmodified"),
                    etag == null ? null : unquote(etag), etag != null && etag.startsWith("W/"), text(prop, OC, "fileid"),
                    "1".equals(text(prop, OC, "favorite"))));
        }
        return entries;
    }

    /** The propstat whose status is 200; servers list missing properties in a separate 404 propstat. */
    private static Element okProp(Element response) {
        for (Node child = response.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element propstat && DAV.equals(propstat.getNamespaceURI())
                    && "propstat".equals(propstat.getLocalName())) {
                String status = text(propstat, DAV, "status");
                if (status != null && status.contains(" 200")) {
                    return firstChild(propstat, DAV, "prop");
                }
            }
        }
        return null;
    }

    static String unquote(String etag) {
        String value = etag.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Hrefs may be absolute URLs or paths, percent-encoded; we compare decoded paths. */
    static String decodeHref(String href) {
        String path = href;
        if (href.startsWith("http://") || href.startsWith("https://")) {
            path = URI.create(href).getRawPath();
        }
        return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String text(Element parent, String namespace, String name) {
        Element element = parent == null ? null : firstChild(parent, namespace, name);
        if (element == null) {
            return null;
        }
        String value = element.getTextContent().trim();
        return value.isEmpty() ? null : value;
    }

    private static Element firstChild(Element parent, String namespace, String name) {
        if (parent == null) {
            return null;
        }
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static Long number(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // A DAV answer has no business declaring entities: refuse DOCTYPEs (XXE, entity expansion).
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException unreadable) {
            throw new IllegalArgumentException("not a WebDAV XML answer", unreadable);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
