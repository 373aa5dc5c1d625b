package org.ncmcp.resource.apps.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.Event;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.UpdateEventInput;
import org.ncmcp.resource.apps.calendar.caldav.CalDavClient;
import org.ncmcp.resource.credentials.SingleUserCredentialSource;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudProperties;

/**
 * Against answers shaped as Nextcloud sends them, on a server with a path prefix and a login name that is not the
 * user id: the calendar home comes from the principal's calendar-home-set, non-calendar collections (the scheduling
 * inbox) are not listed, and an update sends If-Match with the caller's etag and keeps everything in the event it
 * did not change (time zone, X- properties, organizer, an e-mail alarm).
 */
class CalendarNextcloudAnswersTest {

    private static final String PRINCIPAL = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:"><d:response><d:href>/nextcloud/remote.php/dav/</d:href><d:propstat><d:prop>
             <d:current-user-principal><d:href>/nextcloud/remote.php/dav/principals/users/alice/</d:href>
             </d:current-user-principal></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
            </d:multistatus>""";
    private static final String HOME_SET = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:" xmlns:cal="urn:ietf:params:xml:ns:caldav"><d:response>
             <d:href>/nextcloud/remote.php/dav/principals/users/alice/</d:href><d:propstat><d:prop>
             <cal:calendar-home-set><d:href>/nextcloud/remote.php/dav/calendars/alice/</d:href></cal:calendar-home-set>
             </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>""";
    private static final String CALENDARS = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:" xmlns:cal="urn:ietf:params:xml:ns:caldav" xmlns:x1="http://apple.com/ns/ical/">
             <d:response><d:href>/nextcloud/remote.php/dav/calendars/alice/</d:href><d:propstat><d:prop>
              <d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
             </d:response>
             <d:response><d:href>/nextcloud/remote.php/dav/calendars/alice/personal/</d:href><d:propstat><d:prop>
              <d:resourcetype><d:collection/><cal:calendar/></d:resourcetype><d:displayname>Personal</d:displayname>
              <x1:calendar-color>#0082c9</x1:calendar-color><cal:supported-calendar-component-set>
              <cal:comp name="VEVENT"/><cal:comp name="VTODO"/></cal:supported-calendar-component-set></d:prop>
              <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
              <d:propstat><d:prop><cal:calendar-description/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status>
              </d:propstat></d:response>
             <d:response><d:href>/nextcloud/remote.php/dav/calendars/alice/inbox/</d:href><d:propstat><d:prop>
              <d:resourcetype><d:collection/><cal:schedule-inbox/></d:resourcetype></d:prop>
              <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
            </d:multistatus>""";
    private static final String EVENT = String.join("\r\n",
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//IDN nextcloud.com//Calendar app 4.7.0//EN",
            "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
            "DTSTART:19701025T030000", "END:STANDARD", "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:abc-1", "DTSTAMP:20261201T100000Z", "SEQUENCE:3",
            "DTSTART;TZID=Europe/Berlin:20261203T100000", "DTEND;TZID=Europe/Berlin:20261203T110000",
            "SUMMARY:Review", "X-NC-GROUP-ID:42", "ORGANIZER;CN=Alice:mailto:alice@example.com",
            "BEGIN:VALARM", "ACTION:EMAIL", "TRIGGER;RELATED=END:PT0S", "END:VALARM",
            "END:VEVENT", "END:VCALENDAR", "");
    private static final String QUERY_ANSWER = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:" xmlns:cal="urn:ietf:params:xml:ns:caldav"><d:response>
             <d:href>/nextcloud/remote.php/dav/calendars/alice/personal/abc-1.ics</d:href><d:propstat><d:prop>
             <d:getetag>&quot;old&quot;</d:getetag><cal:calendar-data>%s</cal:calendar-data></d:prop>
             <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>""".formatted(EVENT);

    record Received(String method, String path, String ifMatch, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> stored = new AtomicReference<>();
    private HttpServer nextcloud;
    private CalendarTools tools;

    @BeforeEach
    void start() throws IOException {
        nextcloud = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        nextcloud.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            received.add(new Received(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("If-Match"), body));
            String answer = switch (exchange.getRequestMethod() + " " + path) {
                case "PROPFIND /nextcloud/remote.php/dav/" -> PRINCIPAL;
                case "PROPFIND /nextcloud/remote.php/dav/principals/users/alice/" -> HOME_SET;
                case "PROPFIND /nextcloud/remote.php/dav/calendars/alice/" -> CALENDARS;
                case "REPORT /nextcloud/remote.php/dav/calendars/alice/personal/" -> QUERY_ANSWER;
                case "GET /nextcloud/remote.php/dav/calendars/alice/personal/abc-1.ics" -> stored.get();
                default -> null;
            };
            if (exchange.getRequestMethod().equals("PUT")) {
                stored.set(body);
                exchange.getResponseHeaders().set("ETag", "\"new\"");
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return;
            }
            byte[] bytes = answer == null ? new byte[0] : answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/xml; charset=utf-8");
            if (exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("ETag", "\"new\"");
            }
            exchange.sendResponseHeaders(answer == null ? 404 : exchange.getRequestMethod().equals("GET") ? 200 : 207,
                    bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        nextcloud.start();
        NextcloudProperties properties = new NextcloudProperties(
                URI.create("http://127.0.0.1:" + nextcloud.getAddress().getPort() + "/nextcloud"), "alice@example.com",
                "app-password", Duration.ofSeconds(2), Duration.ofSeconds(5), 4,
                new NextcloudProperties.Retry(1, Duration.ofMillis(1), Duration.ofSeconds(1)));
        NextcloudHttpClient http = new NextcloudHttpClient(properties,
                new SingleUserCredentialSource("alice@example.com", "app-password"), duration -> { }, Clock.systemUTC());
        tools = new CalendarTools(new EventStore(new CalDavClient(http)));
    }

    @AfterEach
    void stop() {
        nextcloud.stop(0);
    }

    @Test
    void anUpdateSendsIfMatchAndKeepsWhatItDidNotChange() {
        Event event = tools.updateEvent(new UpdateEventInput("abc-1", null, "old", null, null, null, null, "Room 5",
                null, null, null, null, null, null, null, null, null, null, null));

        Received put = received.stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow();
        assertThat(put.path()).isEqualTo("/nextcloud/remote.php/dav/calendars/alice/personal/abc-1.ics");
        assertThat(put.ifMatch()).isEqualTo("\"old\"");
        assertThat(put.body()).contains("LOCATION:Room 5", "X-NC-GROUP-ID:42", "BEGIN:VTIMEZONE",
                "ORGANIZER;CN=Alice:mailto:alice@example.com", "ACTION:EMAIL", "TRIGGER;RELATED=END:PT0S",
                "DTSTART;TZID=Europe/Berlin:20261203T100000", "SEQUENCE:4", "SUMMARY:Review");
        assertThat(event.location()).isEqualTo("Room 5");
        assertThat(event.etag()).isEqualTo("new");
        assertThat(event.start()).isEqualTo("2026-12-03T10:00+01:00");
        assertThat(event.timezone()).isEqualTo("Europe/Berlin");
        assertThat(event.organizer()).isEqualTo("Alice <alice@example.com>");
        assertThat(event.calendar()).isEqualTo("personal");
        // the principal, not the configured login name, decided the calendar home
        assertThat(received).extracting(Received::path).noneMatch(path -> path.contains("alice@example.com"));
    }

    @Test
    void onlyCalendarCollectionsAreListed() {
        assertThat(new CalDavClient(httpFor()).calendars()).singleElement().satisfies(calendar -> {
            assertThat(calendar.id()).isEqualTo("personal");
            assertThat(calendar.color()).isEqualTo("#0082c9");
            assertThat(calendar.components()).containsExactly("VEVENT", "VTODO");
        });
    }

    private NextcloudHttpClient httpFor() {
        return new NextcloudHttpClient(new NextcloudProperties(
                URI.create("http://127.0.0.1:" + nextcloud.getAddress().getPort() + "/nextcloud"), "alice@example.com",
                "pw", Duration.ofSeconds(2), Duration.ofSeconds(5), 4,
                new NextcloudProperties.Retry(1, Duration.ofMillis(1), Duration.ofSeconds(1))),
                new SingleUserCredentialSource("alice@example.com", "pw"), duration -> { }, Clock.systemUTC());
    }
}
