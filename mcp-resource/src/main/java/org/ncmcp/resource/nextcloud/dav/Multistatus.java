package org.ncmcp.resource.nextcloud.dav;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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

/**
 * Reads a WebDAV 207 multistatus answer (RFC 4918 §13), the part Files, CardDAV and CalDAV share; each app maps the
 * properties it asked for. Unreadable XML is an {@link IllegalArgumentException} the clients turn into a protocol
 * error.
 */
public final class Multistatus {

    public static final String DAV = "DAV:";

    private Multistatus() {
    }

    /** Every {@code d:response} that has an href, with the properties of its 200 propstat. */
    public static List<DavResponse> responses(byte[] multistatus) {
        List<DavResponse> responses = new ArrayList<>();
        NodeList found = parse(multistatus).getElementsByTagNameNS(DAV, "response");
        for (int i = 0; i < found.getLength(); i++) {
            Element response = (Element) found.item(i);
            Element href = child(response, DAV, "href");
            if (href != null) {
                responses.add(new DavResponse(href.getTextContent().trim(), okProp(response)));
            }
        }
        return responses;
    }

    /**
     * The first non-blank {@code d:href} inside a {@code namespace:property} element of the answer, as sent (e.g. of
     * {@code current-user-principal} or {@code calendar-home-set}, RFC 5397 and RFC 4791 §6.2.1).
     */
    public static Optional<String> firstHref(byte[] multistatus, String namespace, String property) {
        NodeList found = parse(multistatus).getElementsByTagNameNS(namespace, property);
        for (int i = 0; i < found.getLength(); i++) {
            Element href = child((Element) found.item(i), DAV, "href");
            if (href != null && !href.getTextContent().isBlank()) {
                return Optional.of(href.getTextContent().trim());
            }
        }
        return Optional.empty();
    }

    /** The first child element {@code namespace:name} of {@code parent}; null when there is none (or no parent). */
    static Element child(Element parent, String namespace, String name) {
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

    /** Trimmed text of the child element; null when it is missing or empty. */
    static String text(Element parent, String namespace, String name) {
        Element element = child(parent, namespace, name);
        if (element == null) {
            return null;
        }
        String value = element.getTextContent().trim();
        return value.isEmpty() ? null : value;
    }

    /** The propstat whose status is 200; servers list missing properties in a separate 404 propstat (RFC 4918 9.1). */
    private static Element okProp(Element response) {
        for (Node node = response.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element propstat && DAV.equals(propstat.getNamespaceURI())
                    && "propstat".equals(propstat.getLocalName())) {
                String status = text(propstat, DAV, "status");
                if (status != null && status.contains(" 200")) {
                    return child(propstat, DAV, "prop");
                }
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
}
