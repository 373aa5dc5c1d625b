package org.ncmcp.resource.apps.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.Contact;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.ContactList;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.CreateContactInput;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.ListContactsInput;
import org.ncmcp.resource.apps.contacts.ContactsToolModels.UpdateContactInput;
import org.ncmcp.resource.credentials.SingleUserCredentialSource;
import org.ncmcp.resource.nextcloud.NextcloudConflictException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProperties;
import org.ncmcp.resource.tool.NextcloudTool;

/**
 * The requests the contacts client sends and how it reads Nextcloud-shaped answers, on a server with a path prefix
 * and a login name that is not the user id: the home comes from the principal's addressbook-home-set, a new card is
 * PUT with {@code If-None-Match: *}, an update with {@code If-Match}, and a PUT answered without an ETag (the server
 * altered the card) is followed by a read of the etag.
 */
class ContactsClientNextcloudAnswersTest {

    private static final String ROOT = "/nextcloud/remote.php/dav/";
    private static final String HOME = ROOT + "addressbooks/users/alice/";
    private static final String PRINCIPAL = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:"><d:response><d:href>/nextcloud/remote.php/dav/</d:href><d:propstat><d:prop>
             <d:current-user-principal><d:href>/nextcloud/remote.php/dav/principals/users/alice/</d:href>
             </d:current-user-principal></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
            </d:multistatus>""";
    private static final String HOME_SET = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:response>
             <d:href>/nextcloud/remote.php/dav/principals/users/alice/</d:href><d:propstat><d:prop>
             <card:addressbook-home-set><d:href>/nextcloud/remote.php/dav/addressbooks/users/alice/</d:href>
             </card:addressbook-home-set></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
            </d:multistatus>""";

    record Received(String method, String path, Map<String, String> headers) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** path → {etag, vCard} */
    private final Map<String, String[]> cards = new ConcurrentHashMap<>();
    /** Set to make another client change the card just before the next PUT arrives. */
    private volatile String changedByOthersBeforeNextPut;
    private HttpServer nextcloud;
    private ContactsTools tools;

    @BeforeEach
    void start() throws IOException {
        nextcloud = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        nextcloud.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(method, path, Map.of(
                    "If-Match", String.valueOf(exchange.getRequestHeaders().getFirst("If-Match")),
                    "If-None-Match", String.valueOf(exchange.getRequestHeaders().getFirst("If-None-Match")),
                    "Content-Type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")))));
            int status = 404;
            String answer = "";
            String[] card = cards.get(path);
            if (method.equals("PROPFIND") && path.equals(ROOT)) {
                status = 207;
                answer = PRINCIPAL;
            } else if (method.equals("PROPFIND") && path.equals(ROOT + "principals/users/alice/")) {
                status = 207;
                answer = HOME_SET;
            } else if (method.equals("REPORT") && path.equals(HOME + "contacts/")) {
                status = 207;
                answer = "<?xml version=\"1.0\"?><d:multistatus xmlns:d=\"DAV:\" xmlns:card=\""
                        + "urn:ietf:params:xml:ns:carddav\">" + cardResponse("Jane%20Doe.vcf", "e1",
                        "BEGIN:VCARD&#13;\nVERSION:3.0&#13;\nFN:Jane Doe&#13;\nUID:j&#13;\nEND:VCARD&#13;\n")
                        + cardResponse("broken.vcf", "e9", "not a card") + "</d:multistatus>";
            } else if (method.equals("PUT") && path.startsWith(HOME + "missing/")) {
                status = 409;   // RFC 4918 9.7.1, as Radicale answers a PUT into a collection that does not exist
            } else if (method.equals("PUT") && path.startsWith(HOME + "contacts/")) {
                if (card != null && changedByOthersBeforeNextPut != null) {
                    card[0] = changedByOthersBeforeNextPut;
                    changedByOthersBeforeNextPut = null;
                }
                String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
                if (card != null && ifMatch != null && !ifMatch.equals("\"" + card[0] + "\"")) {
                    status = 412;
                } else {
                    cards.put(path, new String[] {card == null ? "e1" : "e2", body});
                    status = card == null ? 201 : 204;   // no ETag: as when Nextcloud alters the card
                }
            } else if (method.equals("GET") && card != null) {
                status = 200;
                answer = card[1];
                exchange.getResponseHeaders().set("ETag", "\"" + card[0] + "\"");
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
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
        tools = new ContactsTools(new ContactsClient(http));
    }

    @AfterEach
    void stop() {
        nextcloud.stop(0);
    }

    private static String cardResponse(String href, String etag, String data) {
        return "<d:response><d:href>" + HOME + "contacts/" + href + "</d:href><d:propstat><d:prop><d:getetag>&quot;"
                + etag + "&quot;</d:getetag><card:address-data>" + data + "</card:address-data></d:prop>"
                + "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>";
    }

    @SuppressWarnings("unchecked")
    private <I, O> O run(String name, I input) {
        NextcloudTool<I, O> tool = (NextcloudTool<I, O>) tools.tools().stream().filter(t -> t.name().equals(name))
                .findFirst().orElseThrow();
        return tool.handler().handle(input);
    }

    @Test
    void aNewCardIsPutWithIfNoneMatchInTheDiscoveredHomeAndItsEtagReadWhenThePutGaveNone() {
        Contact created = run("nc_contacts_create_contact", new CreateContactInput("contacts", "Max", null, null,
                null, null, null, null, null, null, null));

        Received put = received.stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow();
        assertThat(put.path()).isEqualTo(HOME + "contacts/" + created.id());
        assertThat(put.headers()).containsEntry("If-None-Match", "*").containsEntry("If-Match", "null")
                .containsEntry("Content-Type", "text/vcard; charset=utf-8");
        assertThat(created.etag()).isEqualTo("e1");
        assertThat(received).extracting(Received::path).noneMatch(path -> path.contains("alice@example.com"));
    }

    @Test
    void anUpdateSendsIfMatchAndAStaleOneIsAConflictNamingTheCurrentEtag() {
        Contact created = run("nc_contacts_create_contact", new CreateContactInput("contacts", "Max", null, null,
                null, null, null, null, null, null, null));
        Contact updated = run("nc_contacts_update_contact", new UpdateContactInput("contacts", created.id(), "e1",
                null, null, null, null, null, "CEO", null, null, null, null));

        assertThat(received.get(received.size() - 2).headers()).containsEntry("If-Match", "\"e1\"");
        assertThat(updated.etag()).isEqualTo("e2");
        assertThat(updated.title()).isEqualTo("CEO");
        assertThatThrownBy(() -> run("nc_contacts_update_contact", new UpdateContactInput("contacts", created.id(),
                "e1", null, null, null, null, null, "CTO", null, null, null, null)))
                .isInstanceOf(NextcloudConflictException.class)
                .hasMessageContaining("the current etag is e2").hasMessageContaining("Nothing was written");
        assertThat(cards.get(HOME + "contacts/" + created.id())[1]).contains("TITLE:CEO").doesNotContain("CTO");
    }

    @Test
    void withoutAnEtagTheUpdateIsGuardedByTheVersionItReadSoAChangeInBetweenIsAConflict() {
        Contact created = run("nc_contacts_create_contact", new CreateContactInput("contacts", "Max", null, null,
                null, null, null, null, null, null, null));
        changedByOthersBeforeNextPut = "e3";

        assertThatThrownBy(() -> run("nc_contacts_update_contact", new UpdateContactInput("contacts", created.id(),
                null, null, null, null, null, null, "CTO", null, null, null, null)))
                .isInstanceOf(NextcloudConflictException.class).hasMessageContaining("the current etag is e3");
        Received put = received.stream().filter(r -> r.method().equals("PUT")).reduce((a, b) -> b).orElseThrow();
        assertThat(put.headers()).containsEntry("If-Match", "\"e1\"");
        assertThat(cards.get(HOME + "contacts/" + created.id())[1]).doesNotContain("CTO");
    }

    @Test
    void aPutIntoAMissingAddressBookAnsweredWith409IsAMissingBookNotAnExistingCard() {
        assertThatThrownBy(() -> run("nc_contacts_create_contact", new CreateContactInput("missing", "Max", null,
                null, null, null, null, null, null, null, null)))
                .isInstanceOf(NextcloudNotFoundException.class).hasMessageContaining("no address book 'missing'")
                .hasMessageNotContaining("already exists");
    }

    @Test
    void listingDecodesCardIdsAndNamesTheCardsItCannotRead() {
        ContactList list = run("nc_contacts_list_contacts", new ListContactsInput("contacts", null, null));

        assertThat(list.contacts()).singleElement().satisfies(contact -> {
            assertThat(contact.id()).isEqualTo("Jane Doe.vcf");
            assertThat(contact.etag()).isEqualTo("e1");
            assertThat(contact.fullName()).isEqualTo("Jane Doe");
        });
        assertThat(list.unreadable()).containsExactly("broken.vcf");
        Received report = received.stream().filter(r -> r.method().equals("REPORT")).findFirst().orElseThrow();
        assertThat(report.path()).isEqualTo(HOME + "contacts/");
    }
}
