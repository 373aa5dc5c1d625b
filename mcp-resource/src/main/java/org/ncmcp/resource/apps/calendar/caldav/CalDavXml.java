package org.ncmcp.resource.apps.calendar.caldav;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

/** The CalDAV XML we send (RFC 4791 PROPFIND, REPORT calendar-query, MKCALENDAR, PROPPATCH) and read (207). */
final class CalDavXml {

    static final String DAV = "DAV:";
    static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
    static final String APPLE = "http://apple.com/ns/ical/";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    /** One {@code d:response}: its href (as sent, still percent-encoded) and the element holding its 200 props. */
    record Response(String href, Element prop) {

        String text(String namespace, String name) {
            Element element = child(prop, namespace, name);
            if (element == null) {
                return null;
            }
            String value = element.getTextContent().trim();
            return value.isEmpty() ? null : value;
        }

        Element element(String namespace, String name) {
            return child(prop, namespace, name);
        }
    }

    private CalDavXml() {
    }

    static byte[] propfind(String... props) {
        return utf8(HEADER + "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"" + CALDAV + "\" xmlns:x=\"" + APPLE
                + "\" xmlns:cs=\"http://calendarserver.org/ns/\"><d:prop>" + String.join("", props)
                + "</d:prop></d:propfind>");
    }

    /** RFC 4791 7.8: objects of {@code component} overlapping [from, to) (either may be null), with data. */
    static byte[] calendarQuery(String component, Instant from, Instant to, String uid) {
        String timeRange = from == null && to == null ? "" : "<c:time-range"
                + (from == null ? "" : " start=\"" + UTC.format(from) + "\"")
                + (to == null ? "" : " end=\"" + UTC.format(to) + "\"") + "/>";
        String uidFilter = uid == null ? "" : "<c:prop-filter name=\"UID\"><c:text-match collation=\"i;octet\">"
                + escape(uid) + "</c:text-match></c:prop-filter>";
        return utf8(HEADER + "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"" + CALDAV + "\"><d:prop><d:getetag/>"
                + "<c:calendar-data/></d:prop><c:filter><c:comp-filter name=\"VCALENDAR\"><c:comp-filter name=\""
                + component + "\">" + timeRange + uidFilter + "</c:comp-filter></c:comp-filter></c:filter>"
                + "</c:calendar-query>");
    }

    static byte[] mkcalendar(String displayName, String color, List<String> components) {
        StringBuilder set = new StringBuilder("<d:displayname>" + escape(displayName) + "</d:displayname>");
        if (color != null) {
            set.append("<x:calendar-color>").append(escape(color)).append("</x:calendar-color>");
        }
        set.append("<c:supported-calendar-component-set>");
        components.forEach(c -> set.append("<c:comp name=\"").append(c).append("\"/>"));
        set.append("</c:supported-calendar-component-set>");
        return utf8(HEADER + "<c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"" + CALDAV + "\" xmlns:x=\"" + APPLE
                + "\"><d:set><d:prop>" + set + "</d:prop></d:set></c:mkcalendar>");
    }

    static byte[] proppatch(String displayName, String color) {
        StringBuilder set = new StringBuilder();
        if (displayName != null) {
            set.append("<d:displayname>").append(escape(displayName)).append("</d:displayname>");
        }
        if (color != null) {
            set.append("<x:calendar-color>").append(escape(color)).append("</x:calendar-color>");
        }
        return utf8(HEADER + "<d:propertyupdate xmlns:d=\"DAV:\" xmlns:x=\"" + APPLE + "\"><d:set><d:prop>" + set
                + "</d:prop></d:set></d:propertyupdate>");
    }

    /** The href inside the property {@code namespace:name} of the first response (e.g. current-user-principal). */
    static Optional<String> hrefProperty(byte[] multistatus, String namespace, String name) {
        for (Response response : responses(multistatus)) {
            Element property = response.element(namespace, name);
            Element href = property == null ? null : child(property, DAV, "href");
            if (href != null && !href.getTextContent().isBlank()) {
                return Optional.of(href.getTextContent().trim());
            }
        }
        return Optional.empty();
    }

    /** Responses of a multistatus with their 200 propstat (others list missing properties, RFC 4918 9.1). */
    static List<Response> responses(byte[] multistatus) {
        Document document = parse(multistatus);
        List<Response> out = new ArrayList<>();
        NodeList responses = document.getElementsByTagNameNS(DAV, "response");
        for (int i = 0; i < responses.getLength(); i++) {
            Element response = (Element) responses.item(i);
            Element href = child(response, DAV, "href");
            if (href == null) {
                continue;
            }
            Element ok = null;
            for (Node node = response.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element propstat && DAV.equals(propstat.getNamespaceURI())
                        && "propstat".equals(propstat.getLocalName())) {
                    Element status = child(propstat, DAV, "status");
                    if (status != null && status.getTextContent().contains(" 200")) {
                        ok = child(propstat, DAV, "prop");
                    }
                }
            }
            out.add(new Response(path(href.getTextContent().trim()), ok));
        }
        return out;
    }

    static List<String> componentNames(Element supportedSet) {
        List<String> names = new ArrayList<>();
        if (supportedSet == null) {
            return names;
        }
        for (Node node = supportedSet.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element comp && "comp".equals(comp.getLocalName())) {
                names.add(comp.getAttribute("name"));
            }
        }
        return names;
    }

    static boolean hasChild(Element parent, String namespace, String name) {
        return child(parent, namespace, name) != null;
    }

    /** Hrefs may be absolute URLs (RFC 4918 8.3); we keep the encoded path. */
    static String path(String href) {
        return href.startsWith("http://") || href.startsWith("https://") ? URI.create(href).getRawPath() : href;
    }

    private static Element child(Element parent, String namespace, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
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

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
