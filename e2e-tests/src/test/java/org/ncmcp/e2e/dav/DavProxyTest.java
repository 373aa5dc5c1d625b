package org.ncmcp.e2e.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.e2e.simulator.dav.SabreDavServer;

/** The simulator's /remote.php/dav/ in front of real sabre/dav: auth, user separation and header forwarding. */
class DavProxyTest {

    private static final String PRINCIPAL = "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:current-user-principal/>"
            + "</d:prop></d:propfind>";

    private static SabreDavServer dav;
    private static NextcloudSimulator nextcloud;
    private static String alice;
    private static String bob;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        dav = SabreDav.startOrSkip();
        nextcloud = NextcloudSimulator.start(SimulatorOptions.defaults());
        nextcloud.attachDav(dav);
        nextcloud.state().addUser("alice", "alice@example.com", "Alice", "alice-login");
        nextcloud.state().addUser("bob", "bob", "Bob", "bob-login");
        alice = basic("alice@example.com", nextcloud.state().issueAppPassword("alice"));
        bob = basic("bob", nextcloud.state().issueAppPassword("bob"));
    }

    @AfterAll
    static void stop() {
        if (nextcloud != null) {
            nextcloud.close();
        }
        if (dav != null) {
            dav.close();
        }
    }

    @Test
    void currentUserPrincipalIsTheUserIdNotTheLoginName() throws Exception {
        HttpResponse<String> response = send(alice, "PROPFIND", "/remote.php/dav/", PRINCIPAL, "Depth", "0");
        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.body()).contains("<d:href>/remote.php/dav/principals/users/alice/</d:href>");
    }

    @Test
    void revokedAppPasswordFailsAtDavToo() throws Exception {
        String password = nextcloud.state().issueAppPassword("alice");
        String credential = basic("alice@example.com", password);
        assertThat(send(credential, "PROPFIND", "/remote.php/dav/files/alice/", null, "Depth", "0").statusCode())
                .isEqualTo(207);
        nextcloud.state().revokeAppPassword(password);
        HttpResponse<String> refused = send(credential, "PROPFIND", "/remote.php/dav/files/alice/", null, "Depth", "0");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Basic realm=\"Nextcloud\""));
    }

    @Test
    void anotherUsersFilesAreNotFound() throws Exception {
        send(alice, "MKCOL", "/remote.php/dav/files/alice/private", null);
        HttpResponse<String> response = send(bob, "PROPFIND", "/remote.php/dav/files/alice/", null, "Depth", "1");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("private");
    }

    @Test
    void conditionalPutsAndOverwriteAreForwarded() throws Exception {
        String file = "/remote.php/dav/files/alice/conditional.txt";
        HttpResponse<String> created = send(alice, "PUT", file, "one", "If-None-Match", "*");
        assertThat(created.statusCode()).isEqualTo(201);
        String etag = created.headers().firstValue("ETag").orElseThrow();
        assertThat(send(alice, "PUT", file, "two", "If-None-Match", "*").statusCode()).isEqualTo(412);
        assertThat(send(alice, "PUT", file, "two", "If-Match", "\"stale\"").statusCode()).isEqualTo(412);
        assertThat(send(alice, "PUT", file, "two", "If-Match", etag).statusCode()).isEqualTo(204);
        assertThat(send(alice, "GET", file, null).body()).isEqualTo("two");
    }

    @Test
    void destinationIsRewrittenToTheBackendAndOverwriteHonoured() throws Exception {
        send(alice, "PUT", "/remote.php/dav/files/alice/a.txt", "a");
        send(alice, "PUT", "/remote.php/dav/files/alice/b.txt", "b");
        String destination = nextcloud.baseUri() + "/remote.php/dav/files/alice/b.txt";
        assertThat(send(alice, "COPY", "/remote.php/dav/files/alice/a.txt", null, "Destination", destination,
                "Overwrite", "F").statusCode()).isEqualTo(412);
        assertThat(send(alice, "MOVE", "/remote.php/dav/files/alice/a.txt", null,
                "Destination", nextcloud.baseUri() + "/remote.php/dav/files/alice/c.txt").statusCode()).isEqualTo(201);
        assertThat(send(alice, "GET", "/remote.php/dav/files/alice/c.txt", null).body()).isEqualTo("a");
        assertThat(send(alice, "GET", "/remote.php/dav/files/alice/a.txt", null).statusCode()).isEqualTo(404);
    }

    @Test
    void legacyWebdavRootServesTheUsersFilesWithLegacyHrefs() throws Exception {
        send(alice, "PUT", "/remote.php/dav/files/alice/legacy.txt", "x");
        HttpResponse<String> response = send(alice, "PROPFIND", "/remote.php/webdav/", null, "Depth", "1");
        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.body()).contains("<d:href>/remote.php/webdav/legacy.txt</d:href>")
                .doesNotContain("/remote.php/dav/files/");
    }

    @Test
    void calendarAndAddressBookHomesArePreCreated() throws Exception {
        assertThat(send(alice, "PROPFIND", "/remote.php/dav/calendars/alice/personal/", null, "Depth", "0")
                .statusCode()).isEqualTo(207);
        assertThat(send(alice, "PROPFIND", "/remote.php/dav/addressbooks/users/alice/contacts/", null, "Depth", "0")
                .statusCode()).isEqualTo(207);
    }

    @Test
    void addressBookHomeIsWhereNextcloudHasIt() throws Exception {
        HttpResponse<String> response = send(alice, "PROPFIND", "/remote.php/dav/principals/users/alice/",
                "<d:propfind xmlns:d=\"DAV:\" xmlns:card=\"urn:ietf:params:xml:ns:carddav\"><d:prop>"
                        + "<card:addressbook-home-set/></d:prop></d:propfind>", "Depth", "0");
        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.body()).containsPattern(
                "addressbook-home-set>\\s*<d:href>/remote\\.php/dav/addressbooks/users/alice/</d:href>");
        assertThat(send(alice, "PROPFIND", "/remote.php/dav/addressbooks/users/alice/", null, "Depth", "0")
                .statusCode()).isEqualTo(207);
    }

    @Test
    void anotherUsersCardsCannotBeReadThroughReportOrPropfind() throws Exception {
        String card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:secret-1\r\nFN:Secret Person\r\nEND:VCARD\r\n";
        assertThat(send(alice, "PUT", "/remote.php/dav/addressbooks/users/alice/contacts/secret-1.vcf", card,
                "Content-Type", "text/vcard; charset=utf-8").statusCode()).isEqualTo(201);
        String query = "<card:addressbook-query xmlns:d=\"DAV:\" xmlns:card=\"urn:ietf:params:xml:ns:carddav\">"
                + "<d:prop><d:getetag/><card:address-data/></d:prop></card:addressbook-query>";
        String multiget = "<card:addressbook-multiget xmlns:d=\"DAV:\" xmlns:card=\"urn:ietf:params:xml:ns:carddav\">"
                + "<d:prop><card:address-data/></d:prop>"
                + "<d:href>/remote.php/dav/addressbooks/users/alice/contacts/secret-1.vcf</d:href>"
                + "</card:addressbook-multiget>";
        // bob's own book exists, so a multiget sent there is answered, but never with alice's card
        send(bob, "PROPFIND", "/remote.php/dav/addressbooks/users/bob/contacts/", null, "Depth", "0");
        List<HttpResponse<String>> attempts = List.of(
                send(bob, "REPORT", "/remote.php/dav/addressbooks/users/alice/contacts/", query, "Depth", "1"),
                send(bob, "REPORT", "/remote.php/dav/addressbooks/users/bob/contacts/", multiget, "Depth", "1"),
                send(bob, "PROPFIND", "/remote.php/dav/addressbooks/users/alice/contacts/", null, "Depth", "1"),
                send(bob, "PROPFIND", "/remote.php/dav/addressbooks/users/", null, "Depth", "1"),
                send(bob, "GET", "/remote.php/dav/addressbooks/users/alice/contacts/secret-1.vcf", null));
        for (HttpResponse<String> attempt : attempts) {
            assertThat(attempt.body()).as(attempt.request().method() + " " + attempt.uri())
                    .doesNotContain("Secret Person").doesNotContain("secret-1").doesNotContain("users/alice");
        }
        assertThat(attempts.get(0).statusCode()).isEqualTo(404);
        assertThat(attempts.get(2).statusCode()).isEqualTo(404);
        assertThat(attempts.get(4).statusCode()).isEqualTo(404);
        // alice still reads her own card through the same REPORT
        assertThat(send(alice, "REPORT", "/remote.php/dav/addressbooks/users/alice/contacts/", query, "Depth", "1")
                .body()).contains("Secret Person");
    }

    @Test
    void anotherUsersEventsCannotBeReadThroughReportOrPropfind() throws Exception {
        String event = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:hidden-1\r\n"
                + "DTSTAMP:20270101T000000Z\r\nDTSTART:20270101T100000Z\r\nSUMMARY:Hidden meeting\r\nEND:VEVENT\r\n"
                + "END:VCALENDAR\r\n";
        assertThat(send(alice, "PUT", "/remote.php/dav/calendars/alice/personal/hidden-1.ics", event,
                "Content-Type", "text/calendar; charset=utf-8").statusCode()).isEqualTo(201);
        String query = "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop>"
                + "<c:calendar-data/></d:prop><c:filter><c:comp-filter name=\"VCALENDAR\"/></c:filter>"
                + "</c:calendar-query>";
        String multiget = "<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop>"
                + "<c:calendar-data/></d:prop>"
                + "<d:href>/remote.php/dav/calendars/alice/personal/hidden-1.ics</d:href>"
                + "</c:calendar-multiget>";
        send(bob, "PROPFIND", "/remote.php/dav/calendars/bob/personal/", null, "Depth", "0");
        List<HttpResponse<String>> attempts = List.of(
                send(bob, "REPORT", "/remote.php/dav/calendars/alice/personal/", query, "Depth", "1"),
                send(bob, "REPORT", "/remote.php/dav/calendars/bob/personal/", multiget, "Depth", "1"),
                send(bob, "PROPFIND", "/remote.php/dav/calendars/alice/", null, "Depth", "1"),
                send(bob, "PROPFIND", "/remote.php/dav/calendars/", null, "Depth", "1"),
                send(bob, "GET", "/remote.php/dav/calendars/alice/personal/hidden-1.ics", null));
        for (HttpResponse<String> attempt : attempts) {
            assertThat(attempt.body()).as(attempt.request().method() + " " + attempt.uri())
                    .doesNotContain("Hidden meeting").doesNotContain("hidden-1").doesNotContain("calendars/alice");
        }
        assertThat(attempts.get(0).statusCode()).isEqualTo(404);
        assertThat(attempts.get(2).statusCode()).isEqualTo(404);
        assertThat(attempts.get(4).statusCode()).isEqualTo(404);
        assertThat(send(alice, "REPORT", "/remote.php/dav/calendars/alice/personal/", query, "Depth", "1").body())
                .contains("Hidden meeting");
    }

    @Test
    void firstRequestsOfANewUserArrivingTogetherAllSucceed() throws Exception {
        nextcloud.state().addUser("carol", "carol", "Carol", "carol-login");
        String carol = basic("carol", nextcloud.state().issueAppPassword("carol"));
        List<CompletableFuture<HttpResponse<String>>> parallel = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            parallel.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return send(carol, "PROPFIND", "/remote.php/dav/calendars/carol/personal/", null, "Depth", "0");
                } catch (IOException | InterruptedException failed) {
                    throw new IllegalStateException(failed);
                }
            }));
        }
        for (CompletableFuture<HttpResponse<String>> response : parallel) {
            assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(207);
        }
    }

    private HttpResponse<String> send(String authorization, String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
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
