package org.ncmcp.e2e.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.e2e.simulator.dav.RadicaleServer;

/**
 * Radicale behind the simulator's /remote.php/dav/: discovery through the principal under the prefix, the default
 * collections, and users kept apart (owner_only rights), as the calendar and contacts suites rely on.
 */
class RadicaleServerTest {

    private static final String PRINCIPAL = "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:current-user-principal/>"
            + "</d:prop></d:propfind>";
    private static final String HOMES = "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\""
            + " xmlns:card=\"urn:ietf:params:xml:ns:carddav\"><d:prop><c:calendar-home-set/>"
            + "<card:addressbook-home-set/></d:prop></d:propfind>";

    private static RadicaleServer radicale;
    private static NextcloudSimulator nextcloud;
    private static String alice;
    private static String bob;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        radicale = Radicale.startOrSkip();
        nextcloud = NextcloudSimulator.start(SimulatorOptions.defaults());
        nextcloud.attachDav(radicale);
        nextcloud.state().addUser("alice", "alice@example.com", "Alice", "alice-login");
        nextcloud.state().addUser("bob", "bob", "Bob", "bob-login");
        alice = basic("alice@example.com", nextcloud.state().issueAppPassword("alice"));
        bob = basic("bob", nextcloud.state().issueAppPassword("bob"));
    }

    @AfterAll
    static void stop() {
        try {
            if (nextcloud != null) {
                nextcloud.close();
            }
        } finally {
            if (radicale != null) {
                radicale.close();
            }
        }
    }

    @Test
    void principalAndBothHomesAreOneCollectionUnderTheNextcloudPrefix() throws Exception {
        HttpResponse<String> root = send(alice, "PROPFIND", "/remote.php/dav/", PRINCIPAL, "Depth", "0");
        assertThat(root.statusCode()).isEqualTo(207);
        assertThat(root.body()).contains("<current-user-principal><href>/remote.php/dav/alice/</href>");
        HttpResponse<String> homes = send(alice, "PROPFIND", "/remote.php/dav/alice/", HOMES, "Depth", "0");
        assertThat(homes.body()).contains("calendar-home-set><href>/remote.php/dav/alice/</href>")
                .contains("addressbook-home-set><href>/remote.php/dav/alice/</href>");
        // not Nextcloud's layout: nothing is at calendars/<user>/
        assertThat(send(alice, "PROPFIND", "/remote.php/dav/calendars/alice/", null, "Depth", "0").statusCode())
                .isNotEqualTo(207);
    }

    @Test
    void aNewUserFindsThePersonalCalendarAndTheContactsBook() throws Exception {
        HttpResponse<String> home = send(alice, "PROPFIND", "/remote.php/dav/alice/", null, "Depth", "1");
        assertThat(home.statusCode()).isEqualTo(207);
        assertThat(home.body()).contains("<href>/remote.php/dav/alice/personal/</href>")
                .contains("<href>/remote.php/dav/alice/contacts/</href>").contains("Personal");
    }

    @Test
    void eachUserReachesOnlyTheirOwnCollections() throws Exception {
        String card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:secret-1\r\nFN:Secret Person\r\nEND:VCARD\r\n";
        assertThat(send(alice, "PUT", "/remote.php/dav/alice/contacts/secret-1.vcf", card,
                "Content-Type", "text/vcard; charset=utf-8").statusCode()).isEqualTo(201);
        String query = "<card:addressbook-query xmlns:d=\"DAV:\" xmlns:card=\"urn:ietf:params:xml:ns:carddav\">"
                + "<d:prop><d:getetag/><card:address-data/></d:prop></card:addressbook-query>";
        String multiget = "<card:addressbook-multiget xmlns:d=\"DAV:\" xmlns:card=\"urn:ietf:params:xml:ns:carddav\">"
                + "<d:prop><card:address-data/></d:prop><d:href>/remote.php/dav/alice/contacts/secret-1.vcf</d:href>"
                + "</card:addressbook-multiget>";
        List<HttpResponse<String>> attempts = List.of(
                send(bob, "REPORT", "/remote.php/dav/alice/contacts/", query, "Depth", "1"),
                send(bob, "REPORT", "/remote.php/dav/bob/contacts/", multiget, "Depth", "1"),
                send(bob, "PROPFIND", "/remote.php/dav/alice/", null, "Depth", "1"),
                send(bob, "GET", "/remote.php/dav/alice/contacts/secret-1.vcf", null));
        for (HttpResponse<String> attempt : attempts) {
            assertThat(attempt.body()).as(attempt.request().method() + " " + attempt.uri())
                    .doesNotContain("Secret Person");
        }
        // Radicale refuses with 403 where Nextcloud says 404
        assertThat(attempts.get(0).statusCode()).isEqualTo(403);
        assertThat(attempts.get(2).statusCode()).isEqualTo(403);
        assertThat(attempts.get(3).statusCode()).isEqualTo(403);
        assertThat(send(alice, "REPORT", "/remote.php/dav/alice/contacts/", query, "Depth", "1").body())
                .contains("Secret Person");
    }

    @Test
    void manyNewUsersInARowAreAllProvisioned() {
        // each new user costs two requests back to back on one pooled client: Radicale closes every connection
        // (HTTP/1.0), and unless it says so the client reuses a closed one ("header parser received no bytes")
        for (int i = 0; i < 30; i++) {
            assertThat(radicale.passwordFor("user" + i)).hasSize(48);
        }
    }

    @Test
    void moveKeepsThePrefixInTheDestination() throws Exception {
        String event = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:move-1\r\n"
                + "DTSTAMP:20270101T000000Z\r\nDTSTART:20270101T100000Z\r\nSUMMARY:Moving\r\nEND:VEVENT\r\n"
                + "END:VCALENDAR\r\n";
        assertThat(send(alice, "MKCALENDAR", "/remote.php/dav/alice/archive/", null).statusCode()).isEqualTo(201);
        assertThat(send(alice, "PUT", "/remote.php/dav/alice/personal/move-1.ics", event,
                "Content-Type", "text/calendar; charset=utf-8").statusCode()).isEqualTo(201);
        assertThat(send(alice, "MOVE", "/remote.php/dav/alice/personal/move-1.ics", null, "Destination",
                nextcloud.baseUri() + "/remote.php/dav/alice/archive/move-1.ics", "Overwrite", "F").statusCode())
                .isEqualTo(201);
        assertThat(send(alice, "GET", "/remote.php/dav/alice/archive/move-1.ics", null).body()).contains("Moving");
        assertThat(send(alice, "GET", "/remote.php/dav/alice/personal/move-1.ics", null).statusCode())
                .isEqualTo(404);
    }

    private HttpResponse<String> send(String authorization, String method, String path, String body,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nextcloud.baseUri() + path))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
