package org.ncmcp.resource.apps.calendar.caldav;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ncmcp.resource.credentials.NextcloudCredential;
import org.ncmcp.resource.nextcloud.NextcloudConflictException;
import org.ncmcp.resource.nextcloud.NextcloudForbiddenException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProtocolException;
import org.ncmcp.resource.nextcloud.NextcloudRequest;
import org.ncmcp.resource.nextcloud.NextcloudResponse;
import org.ncmcp.resource.nextcloud.dav.DavHref;
import org.ncmcp.resource.nextcloud.dav.DavResponse;
import org.ncmcp.resource.nextcloud.dav.Multistatus;

/**
 * CalDAV (RFC 4791) client shared by the Calendar and Tasks tools. The calendar home is discovered, never built
 * from the login: {@code current-user-principal} on the DAV root, then {@code calendar-home-set} on the principal
 * (RFC 5397, RFC 4791 6.2.1), so Nextcloud, sabre/dav and Radicale layouts all work. Writes are conditional:
 * {@code If-None-Match: *} to create, {@code If-Match} to change or delete.
 */
public class CalDavClient {

    static final String DAV_ROOT = "/remote.php/dav/";

    private final NextcloudHttpClient http;
    private final String basePath;
    /** login + user id → calendar home (encoded path below the base URL). Homes never move. */
    private final Map<String, String> homes = new ConcurrentHashMap<>();

    public CalDavClient(NextcloudHttpClient http) {
        this.http = http;
        String path = URI.create(http.baseUrl()).getRawPath();
        this.basePath = path == null ? "" : path.replaceAll("/+$", "");
    }

    // --- calendars ----------------------------------------------------------------------------

    public List<CalendarCollection> calendars() {
        NextcloudResponse response = http.send(propfind(home(), "1", CalDavXml.propfind("<d:resourcetype/>",
                "<d:displayname/>", "<x:calendar-color/>", "<c:calendar-description/>",
                "<c:supported-calendar-component-set/>")));
        List<CalendarCollection> calendars = new ArrayList<>();
        for (DavResponse entry : parsed(response, Multistatus::responses)) {
            if (!entry.isOfType(CalDavXml.CALDAV, "calendar")) {
                continue;
            }
            String path = relative(entry.path());
            String withSlash = path.endsWith("/") ? path : path + "/";
            String id = segment(withSlash);
            String name = entry.text(Multistatus.DAV, "displayname");
            calendars.add(new CalendarCollection(id, withSlash, name == null ? id : name,
                    entry.text(CalDavXml.APPLE, "calendar-color"), entry.text(CalDavXml.CALDAV, "calendar-description"),
                    CalDavXml.componentNames(entry.element(CalDavXml.CALDAV, "supported-calendar-component-set"))));
        }
        return calendars;
    }

    /** The calendar with this id (or display name, ignoring case), or a not-found naming the ones that exist. */
    public CalendarCollection calendar(String idOrName) {
        List<CalendarCollection> all = calendars();
        return all.stream().filter(c -> c.id().equals(idOrName)).findFirst()
                .or(() -> all.stream().filter(c -> c.displayName().equalsIgnoreCase(idOrName)).findFirst())
                .orElseThrow(() -> new NextcloudNotFoundException(404, "There is no calendar '" + idOrName
                        + "'. Your calendars: " + String.join(", ", all.stream().map(c -> c.id() + " (\""
                                + c.displayName() + "\")").toList()) + "."));
    }

    public CalendarCollection createCalendar(String id, String displayName, String color, List<String> components) {
        String path = home() + encode(id) + "/";
        try {
            http.send(new NextcloudRequest("MKCALENDAR", path, Map.of("Content-Type", "application/xml; charset=utf-8"),
                    CalDavXml.mkcalendar(displayName, color, components)));
        } catch (NextcloudProtocolException | NextcloudConflictException | NextcloudForbiddenException exists) {
            if (exists.status() == 405 || exists.status() == 409 || exists.status() == 403) {
                // RFC 4791 5.3.1.1: MKCALENDAR on an existing resource fails (sabre: 405)
                throw new NextcloudConflictException(exists.status(), "A calendar '" + id + "' already exists (or"
                        + " cannot be created there). Choose another id.", null, null);
            }
            throw exists;
        }
        return calendar(id);
    }

    public void updateCalendar(CalendarCollection calendar, String displayName, String color) {
        NextcloudResponse response = http.send(new NextcloudRequest("PROPPATCH", calendar.path(),
                Map.of("Content-Type", "application/xml; charset=utf-8"), CalDavXml.proppatch(displayName, color)));
        // PROPPATCH answers 207 even when a property was refused (RFC 4918 9.2): check every propstat was 200
        if (response.bodyAsString().matches("(?s).*<[^>]*status>HTTP/1\\.[01] (4|5)\\d\\d.*")) {
            throw new NextcloudProtocolException(response.status(), "The server refused to change calendar '"
                    + calendar.id() + "' (a property was not accepted).");
        }
    }

    public void deleteCalendar(CalendarCollection calendar) {
        http.send(NextcloudRequest.delete(calendar.path()));
    }

    // --- objects ------------------------------------------------------------------------------

    /** Objects holding {@code component} (VEVENT, VTODO) overlapping [from, to); either bound may be null. */
    public List<CalendarObject> query(CalendarCollection calendar, String component, Instant from, Instant to) {
        return report(calendar, CalDavXml.calendarQuery(component, from, to, null));
    }

    /** The object whose UID is {@code uid}, if any (RFC 4791 9.7.5 text-match on UID). */
    public Optional<CalendarObject> findByUid(CalendarCollection calendar, String component, String uid) {
        return report(calendar, CalDavXml.calendarQuery(component, null, null, uid)).stream().findFirst();
    }

    public Optional<CalendarObject> get(CalendarCollection calendar, String path) {
        try {
            NextcloudResponse response = http.send(NextcloudRequest.get(path).header("Accept", "text/calendar"));
            return Optional.of(new CalendarObject(calendar, path, response.etag().orElse(null),
                    response.bodyAsString()));
        } catch (NextcloudNotFoundException missing) {
            return Optional.empty();
        }
    }

    /**
     * Creates {@code <uid>.ics} in the calendar, never replacing anything ({@code If-None-Match: *}).
     *
     * @return the stored object with its new etag
     */
    public CalendarObject create(CalendarCollection calendar, String uid, String ics) {
        String path = calendar.path() + encode(uid.replaceAll("[^A-Za-z0-9@._-]", "_")) + ".ics";
        NextcloudRequest request = NextcloudRequest.put(path).body("text/calendar; charset=utf-8",
                ics.getBytes(StandardCharsets.UTF_8)).header("If-None-Match", "*");
        try {
            http.send(request);
        } catch (NextcloudConflictException exists) {
            throw exists.withMessage("An item with uid " + uid + " already exists in calendar '" + calendar.id()
                    + "'; nothing was written.", null);
        }
        return stored(calendar, path);
    }

    /** Replaces the object only if it still has {@code etag}; else a conflict naming the current etag. */
    public CalendarObject replace(CalendarObject object, String etag, String ics) {
        NextcloudRequest request = NextcloudRequest.put(object.path()).body("text/calendar; charset=utf-8",
                ics.getBytes(StandardCharsets.UTF_8)).header("If-Match", quote(etag));
        try {
            http.send(request);
        } catch (NextcloudConflictException changed) {
            throw stale(object, etag, changed, "nothing was written");
        }
        return stored(object.calendar(), object.path());
    }

    public void delete(CalendarObject object, String etag) {
        NextcloudRequest request = NextcloudRequest.delete(object.path());
        if (etag != null) {
            request = request.header("If-Match", quote(etag));
        }
        try {
            http.send(request);
        } catch (NextcloudConflictException changed) {
            throw stale(object, etag, changed, "nothing was deleted");
        }
    }

    /** Moves the object to another calendar (RFC 4918 MOVE; never over an existing object). */
    public CalendarObject move(CalendarObject object, CalendarCollection target) {
        String name = object.path().substring(object.path().lastIndexOf('/') + 1);
        String destination = target.path() + name;
        try {
            http.send(new NextcloudRequest("MOVE", object.path(), Map.of("Destination", http.baseUrl() + destination,
                    "Overwrite", "F"), null));
        } catch (NextcloudConflictException exists) {
            throw exists.withMessage("Calendar '" + target.id() + "' already has an item named " + decode(name)
                    + "; nothing was moved.", null);
        }
        return stored(target, destination);
    }

    private CalendarObject stored(CalendarCollection calendar, String path) {
        return get(calendar, path).orElseThrow(() -> new NextcloudProtocolException(201, "The server accepted the"
                + " item but it could not be read back from " + decode(path) + "."));
    }

    private NextcloudConflictException stale(CalendarObject object, String etag, NextcloudConflictException changed,
            String outcome) {
        String current = get(object.calendar(), object.path()).map(CalendarObject::etag).orElse(null);
        return changed.withMessage("Conflict: the item changed since you read it (you sent etag " + etag
                + (current == null ? "; it no longer exists" : "; the current etag is " + current) + "), so "
                + outcome + ". Read it again, then retry with the current etag.", current);
    }

    private List<CalendarObject> report(CalendarCollection calendar, byte[] body) {
        NextcloudResponse response = http.send(new NextcloudRequest("REPORT", calendar.path(),
                Map.of("Depth", "1", "Content-Type", "application/xml; charset=utf-8"), body));
        List<CalendarObject> objects = new ArrayList<>();
        for (DavResponse entry : parsed(response, Multistatus::responses)) {
            String data = entry.prop() == null ? null : entry.text(CalDavXml.CALDAV, "calendar-data");
            if (data == null) {
                continue;
            }
            String etag = entry.text(Multistatus.DAV, "getetag");
            objects.add(new CalendarObject(calendar, relative(entry.path()), etag == null ? null
                    : NextcloudResponse.unquoteEtag(etag), data));
        }
        return objects;
    }

    // --- discovery ----------------------------------------------------------------------------

    /** The encoded calendar home path below the base URL, with trailing slash. */
    public String home() {
        NextcloudCredential credential = http.currentCredential();
        return homes.computeIfAbsent(credential.loginName() + "\u0000" + credential.userId(),
                unused -> discoverHome());
    }

    private String discoverHome() {
        NextcloudResponse root = http.send(propfind(DAV_ROOT, "0",
                CalDavXml.propfind("<d:current-user-principal/>")));
        String principal = parsed(root, xml -> Multistatus.firstHref(xml, Multistatus.DAV, "current-user-principal"))
                .orElseThrow(() -> new NextcloudProtocolException(root.status(), "Nextcloud's DAV endpoint did not"
                        + " name the current user (no current-user-principal)."));
        NextcloudResponse principalProps = http.send(propfind(relative(DavHref.path(principal)), "0",
                CalDavXml.propfind("<c:calendar-home-set/>")));
        String home = parsed(principalProps, xml -> Multistatus.firstHref(xml, CalDavXml.CALDAV,
                "calendar-home-set")).orElseThrow(() -> new NextcloudProtocolException(principalProps.status(),
                        "Your Nextcloud account has no calendar home (no calendar-home-set); is the Calendar app"
                                + " (CalDAV) enabled?"));
        String path = relative(DavHref.path(home));
        return path.endsWith("/") ? path : path + "/";
    }

    private static NextcloudRequest propfind(String path, String depth, byte[] body) {
        return new NextcloudRequest("PROPFIND", path, Map.of("Depth", depth,
                "Content-Type", "application/xml; charset=utf-8"), body);
    }

    /** A server href (absolute path) as a path below the base URL; hrefs elsewhere are refused. */
    String relative(String href) {
        if (!basePath.isEmpty()) {
            if (!href.startsWith(basePath + "/")) {
                throw new NextcloudProtocolException(207, "Nextcloud returned a location outside its base URL ("
                        + href + "); refusing to use it.");
            }
            return href.substring(basePath.length());
        }
        if (!href.startsWith("/")) {
            throw new NextcloudProtocolException(207, "Nextcloud returned a relative location (" + href + ").");
        }
        return href;
    }

    private static String segment(String pathWithSlash) {
        String trimmed = pathWithSlash.substring(0, pathWithSlash.length() - 1);
        return decode(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String decode(String path) {
        return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String quote(String etag) {
        return "\"" + NextcloudResponse.unquoteEtag(etag) + "\"";
    }

    private static <T> T parsed(NextcloudResponse response, java.util.function.Function<byte[], T> parser) {
        try {
            return parser.apply(response.body());
        } catch (IllegalArgumentException unreadable) {
            throw new NextcloudProtocolException(response.status(), "Nextcloud's DAV endpoint answered with"
                    + " something that is not WebDAV XML. Is NEXTCLOUD_URL the Nextcloud base URL?", unreadable);
        }
    }
}
