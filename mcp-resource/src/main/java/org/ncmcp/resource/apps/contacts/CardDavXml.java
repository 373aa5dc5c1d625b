package org.ncmcp.resource.apps.contacts;

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

/** The CardDAV XML we send (RFC 6352, RFC 5689 extended MKCOL) and read (207 multistatus answers). */
final class CardDavXml {

    static final String DAV = "DAV:";
    static final String CARDDAV = "urn:ietf:params:xml:ns:carddav";
    static final String CALENDARSERVER = "http://calendarserver.org/ns/";
    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    /** A {@code d:response}: decoded href plus the 200 properties we read. */
    record Entry(String href, boolean addressBook, String displayName, String description, String ctag, String etag,
            String addressData) {
    }

    private CardDavXml() {
    }

    static byte[] currentUserPrincipal() {
        return utf8(PROLOG + "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:current-user-principal/></d:prop></d:propfind>");
    }

    static byte[] addressBookHomeSet() {
        return utf8(PROLOG + "<d:propfind xmlns:d=\"DAV:\" xmlns:card=\"" + CARDDAV + "\"><d:prop>"
                + "<card:addressbook-home-set/></d:prop></d:propfind>");
    }

    static byte[] addressBookProperties() {
        return utf8(PROLOG + "<d:propfind xmlns:d=\"DAV:\" xmlns:card=\"" + CARDDAV + "\" xmlns:cs=\"" + CALENDARSERVER
                + "\"><d:prop><d:resourcetype/><d:displayname/><card:addressbook-description/><cs:getctag/></d:prop>"
                + "</d:propfind>");
    }

    /** RFC 6352 8.6 without filters: every card with its etag and data, in one round trip. */
    static byte[] allCards() {
        return utf8(PROLOG + "<card:addressbook-query xmlns:d=\"DAV:\" xmlns:card=\"" + CARDDAV + "\"><d:prop>"
                + "<d:getetag/><card:address-data/></d:prop></card:addressbook-query>");
    }

    /** RFC 5689 extended MKCOL: an address book with its display name (and description) in one request. */
    static byte[] makeAddressBook(String displayName, String description) {
        return utf8(PROLOG + "<d:mkcol xmlns:d=\"DAV:\" xmlns:card=\"" + CARDDAV + "\"><d:set><d:prop>"
                + "<d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>"
                + "<d:displayname>" + escape(displayName) + "</d:displayname>"
                + (description == null ? "" : "<card:addressbook-description>" + escape(description)
                        + "</card:addressbook-description>")
                + "</d:prop></d:set></d:mkcol>");
    }

    /** The first {@code <element><d:href>} (current-user-principal, addressbook-home-set) of an answer. */
    static Optional<String> hrefIn(byte[] multistatus, String namespace, String element) {
        NodeList found = parse(multistatus).getElementsByTagNameNS(namespace, element);
        for (int i = 0; i < found.getLength(); i++) {
            Element href = firstChild((Element) found.item(i), DAV, "href");
            if (href != null && !href.getTextContent().isBlank()) {
                return Optional.of(decodeHref(href.getTextContent().trim()));
            }
        }
        return Optional.empty();
    }

    static List<Entry> entries(byte[] multistatus) {
        List<Entry> entries = new ArrayList<>();
        NodeList responses = parse(multistatus).getElementsByTagNameNS(DAV, "response");
        for (int i = 0; i < responses.getLength(); i++) {
            Element response = (Element) responses.item(i);
            Element href = firstChild(response, DAV, "href");
            if (href == null) {
                continue;
            }
            Element prop = okProp(response);
            Element type = firstChild(prop, DAV, "resourcetype");
            String etag = text(prop, DAV, "getetag");
            Element data = firstChild(prop, CARDDAV, "address-data");
            entries.add(new Entry(decodeHref(href.getTextContent().trim()),
                    firstChild(type, CARDDAV, "addressbook") != null, text(prop, DAV, "displayname"),
                    text(prop, CARDDAV, "addressbook-description"), text(prop, CALENDARSERVER, "getctag"),
                    etag == null ? null : unquote(etag), data == null ? null : data.getTextContent()));
        }
        return entries;
    }

    static String unquote(String etag) {
        String value = etag.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** Hrefs may be absolute URLs or paths, percent-encoded; we compare decoded paths. */
    static String decodeHref(String href) {
        String path = href.startsWith("http://") || href.startsWith("https://") ? URI.create(href).getRawPath() : href;
        return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
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

    private static String text(Element parent, String namespace, String name) {
        Element element = firstChild(parent, namespace, name);
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
