package org.ncmcp.resource.apps.calendar.caldav;

import static org.ncmcp.resource.nextcloud.dav.DavRequestBody.escape;
import static org.ncmcp.resource.nextcloud.dav.DavRequestBody.xml;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The CalDAV XML we send (RFC 4791 PROPFIND, REPORT calendar-query, MKCALENDAR, PROPPATCH); the 207 answers are read
 * with {@link org.ncmcp.resource.nextcloud.dav.Multistatus}.
 */
final class CalDavXml {

    static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
    static final String APPLE = "http://apple.com/ns/ical/";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private CalDavXml() {
    }

    static byte[] propfind(String... props) {
        return xml("<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"" + CALDAV + "\" xmlns:x=\"" + APPLE
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
        return xml("<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"" + CALDAV + "\"><d:prop><d:getetag/>"
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
        return xml("<c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"" + CALDAV + "\" xmlns:x=\"" + APPLE
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
        return xml("<d:propertyupdate xmlns:d=\"DAV:\" xmlns:x=\"" + APPLE + "\"><d:set><d:prop>" + set
                + "</d:prop></d:set></d:propertyupdate>");
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
}
