package org.ncmcp.e2e.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.dav.SabreDav;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.e2e.simulator.dav.SabreDavServer;
import org.ncmcp.resource.McpResourceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The seven Contacts tools through a real MCP client, mcp-resource, the Nextcloud simulator and real sabre/dav 1.8
 * (CardDAV). The login name differs from the user id, so the address book home must come from discovery
 * (current-user-principal → addressbook-home-set). sabre 1.8 names a home that its Nextcloud-shaped tree does not
 * have; {@link NextcloudAddressBookHome} corrects that one property on the way (see there).
 */
class ContactsOverMcpTest {

    private static SabreDavServer dav;
    private static NextcloudAddressBookHome home;
    private static NextcloudSimulator nextcloud;
    private static ConfigurableApplicationContext server;
    private static McpSyncClient mcp;
    private static String appPassword;

    @BeforeAll
    static void start() {
        dav = SabreDav.startOrSkip();
        home = NextcloudAddressBookHome.in(dav);
        nextcloud = NextcloudSimulator.start(SimulatorOptions.defaults());
        nextcloud.attachDav(home);
        nextcloud.state().addUser("alice", "alice@example.com", "Alice", "login-secret");
        appPassword = nextcloud.state().issueAppPassword("alice");
        server = new SpringApplicationBuilder(McpResourceApplication.class).run("--server.port=0",
                "--nextcloud.url=" + nextcloud.baseUri(), "--nextcloud.username=alice@example.com",
                "--nextcloud.app-password=" + appPassword, "--spring.main.banner-mode=off");
        mcp = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:"
                        + server.getEnvironment().getProperty("local.server.port")).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(30)).build();
        mcp.initialize();
    }

    @AfterAll
    static void stop() {
        if (mcp != null) {
            mcp.closeGracefully();
        }
        if (server != null) {
            server.close();
        }
        if (nextcloud != null) {
            nextcloud.close();
        }
        if (home != null) {
            home.close();
        }
        if (dav != null) {
            dav.close();
        }
    }

    private static CallToolResult call(String tool, Map<String, Object> arguments) {
        return mcp.callTool(new CallToolRequest(tool, arguments));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ok(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as(text(result)).isFalse();
        return (Map<String, Object>) result.structuredContent();
    }

    private static String error(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as("expected an error from " + tool + ", got " + text(result)).isTrue();
        assertThat(text(result)).doesNotContain("Exception", "at org.", "Internal error");
        return text(result);
    }

    private static String text(CallToolResult result) {
        return result.content().stream().filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text()).findFirst().orElse("");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> result, String key) {
        return (List<Map<String, Object>>) result.get(key);
    }

    /** A request as another client (a phone, Thunderbird) would send it, past the tools. */
    private static HttpResponse<String> dav(String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nextcloud.baseUri() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("alice@example.com:" + appPassword).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsSevenContactsToolsWithScopesAndExplicitHints() {
        List<McpSchema.Tool> tools = mcp.listTools().tools().stream()
                .filter(t -> t.name().startsWith("nc_contacts_")).toList();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("nc_contacts_list_address_books",
                "nc_contacts_list_contacts", "nc_contacts_create_address_book", "nc_contacts_delete_address_book",
                "nc_contacts_create_contact", "nc_contacts_update_contact", "nc_contacts_delete_contact");
        for (McpSchema.Tool tool : tools) {
            McpSchema.ToolAnnotations hints = tool.annotations();
            assertThat(List.of(hints.readOnlyHint(), hints.destructiveHint(), hints.idempotentHint(),
                    hints.openWorldHint())).as(tool.name()).doesNotContainNull();
            assertThat(tool.meta().get("nextcloud-mcp/scope")).as(tool.name())
                    .isEqualTo(hints.readOnlyHint() ? "contacts:read" : "contacts:write");
            assertThat(tool.outputSchema()).as(tool.name()).isNotNull();
        }
        McpSchema.Tool create = tools.stream().filter(t -> t.name().equals("nc_contacts_create_contact")).findFirst()
                .orElseThrow();
        assertThat(create.annotations().destructiveHint()).isFalse();
        assertThat(create.inputSchema().toString()).contains("examples", "description");
    }

    @Test
    void addressBooksAreCreatedListedAndDeletedAndTheirErrorsAreClear() {
        assertThat(list(ok("nc_contacts_list_address_books", Map.of()), "addressBooks"))
                .extracting(b -> b.get("id")).contains("contacts");

        Map<String, Object> created = ok("nc_contacts_create_address_book", Map.of("displayName", "Work Mates",
                "description", "Colleagues"));
        assertThat(created).containsEntry("id", "work-mates");
        assertThat(list(ok("nc_contacts_list_address_books", Map.of()), "addressBooks"))
                .filteredOn(b -> b.get("id").equals("work-mates")).singleElement().satisfies(book -> assertThat(book)
                        .containsEntry("displayName", "Work Mates").containsEntry("description", "Colleagues"));
        assertThat(error("nc_contacts_create_address_book", Map.of("displayName", "Work Mates")))
                .contains("'work-mates' already exists");

        assertThat(ok("nc_contacts_delete_address_book", Map.of("addressBook", "work-mates")))
                .containsEntry("deleted", true);
        assertThat(error("nc_contacts_delete_address_book", Map.of("addressBook", "work-mates")))
                .contains("no address book 'work-mates'");
        assertThat(error("nc_contacts_list_contacts", Map.of("addressBook", "work-mates")))
                .contains("no address book 'work-mates'");
        assertThat(error("nc_contacts_delete_address_book", Map.of("addressBook", "../contacts")))
                .startsWith("Invalid input").contains("not usable");
    }

    @Test
    void contactsAreCreatedAndListedWithAQuery() {
        ok("nc_contacts_create_address_book", Map.of("displayName", "Clients"));
        Map<String, Object> created = ok("nc_contacts_create_contact", Map.of("addressBook", "clients",
                "givenName", "Jane", "familyName", "Doe", "organization", "Example; Corp",
                "emails", List.of(Map.of("value", "jane@example.com", "type", "work")),
                "phones", List.of(Map.of("value", "+1 555 0100", "type", "cell")), "birthday", "1990-05-17",
                "note", "Met in Berlin, twice"));
        assertThat(created).containsEntry("fullName", "Jane Doe").containsEntry("vcardVersion", "3.0");
        assertThat((String) created.get("etag")).isNotBlank();
        ok("nc_contacts_create_contact", Map.of("addressBook", "clients", "fullName", "Bob Builder"));

        Map<String, Object> all = ok("nc_contacts_list_contacts", Map.of("addressBook", "clients"));
        assertThat(list(all, "contacts")).extracting(c -> c.get("fullName")).containsExactly("Bob Builder", "Jane Doe");
        Map<String, Object> jane = list(ok("nc_contacts_list_contacts", Map.of("addressBook", "clients", "query",
                "example.com")), "contacts").get(0);
        assertThat(jane).containsEntry("id", created.get("id")).containsEntry("etag", created.get("etag"))
                .containsEntry("organization", "Example; Corp").containsEntry("birthday", "1990-05-17")
                .containsEntry("note", "Met in Berlin, twice");
        assertThat(list(jane, "emails")).containsExactly(Map.of("value", "jane@example.com", "type", "work"));
        assertThat(list(ok("nc_contacts_list_contacts", Map.of("addressBook", "clients", "limit", 1)), "contacts"))
                .hasSize(1);

        assertThat(error("nc_contacts_create_contact", Map.of("addressBook", "nowhere", "fullName", "X")))
                .contains("no address book 'nowhere'");
        assertThat(error("nc_contacts_create_contact", Map.of("addressBook", "clients")))
                .contains("needs a name");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUpdateChangesOnlyTheGivenFieldsKeepsUnknownPropertiesAndHonoursTheEtag() throws Exception {
        String card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-1\r\nFN:Max Mustermann\r\nN:Mustermann;Max;;;\r\n"
                + "item1.EMAIL;TYPE=INTERNET:max@old.example\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n"
                + "ADR;TYPE=HOME:;;Hauptstr. 1;Berlin;;10115;Germany\r\n"
                + "X-CUSTOM;X-PARAM=\"a;b\":keep\\, me\r\nNOTE:old note\r\nEND:VCARD\r\n";
        String path = "/remote.php/dav/addressbooks/users/alice/contacts/phone-1.vcf";
        assertThat(dav("PUT", path, card, "Content-Type", "text/vcard; charset=utf-8", "If-None-Match", "*")
                .statusCode()).isEqualTo(201);
        Map<String, Object> before = list(ok("nc_contacts_list_contacts", Map.of("addressBook", "contacts",
                "query", "mustermann")), "contacts").get(0);
        assertThat((List<Object>) before.get("otherProperties")).contains("ADR", "X-CUSTOM", "X-ABLABEL");

        Map<String, Object> updated = ok("nc_contacts_update_contact", Map.of("addressBook", "contacts",
                "id", "phone-1.vcf", "etag", before.get("etag"), "note", "new note",
                "phones", List.of(Map.of("value", "+49 30 1234", "type", "work"))));
        assertThat(updated).containsEntry("note", "new note").containsEntry("fullName", "Max Mustermann");
        assertThat(updated.get("etag")).isNotEqualTo(before.get("etag"));

        String stored = dav("GET", path, null).body();
        assertThat(stored).isEqualTo(card.replace("NOTE:old note", "NOTE:new note")
                .replace("END:VCARD", "TEL;TYPE=WORK:+49 30 1234\r\nEND:VCARD"));

        String stale = error("nc_contacts_update_contact", Map.of("addressBook", "contacts", "id", "phone-1.vcf",
                "etag", before.get("etag"), "note", "lost update"));
        assertThat(stale).startsWith("Conflict").contains("the current etag is " + updated.get("etag"));
        assertThat(dav("GET", path, null).body()).contains("NOTE:new note");

        assertThat(error("nc_contacts_update_contact", Map.of("addressBook", "contacts", "id", "ghost.vcf",
                "note", "x"))).contains("no contact 'ghost.vcf'");
    }

    @Test
    void deleteHonoursTheEtagAndReportsMissingContacts() {
        Map<String, Object> created = ok("nc_contacts_create_contact", Map.of("addressBook", "contacts",
                "fullName", "Short Lived"));
        String id = (String) created.get("id");
        assertThat(error("nc_contacts_delete_contact", Map.of("addressBook", "contacts", "id", id, "etag", "stale")))
                .startsWith("Conflict").contains("the current etag is " + created.get("etag"));

        assertThat(ok("nc_contacts_delete_contact", Map.of("addressBook", "contacts", "id", id, "etag",
                created.get("etag")))).containsEntry("deleted", true);
        assertThat(error("nc_contacts_delete_contact", Map.of("addressBook", "contacts", "id", id)))
                .contains("no contact '" + id + "'");
        assertThat(list(ok("nc_contacts_list_contacts", Map.of("addressBook", "contacts", "query", "short lived")),
                "contacts")).isEmpty();
    }
}
