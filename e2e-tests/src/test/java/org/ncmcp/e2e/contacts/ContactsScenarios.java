package org.ncmcp.e2e.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.mcp.SingleUserStack.list;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.mcp.SingleUserStack;
import org.ncmcp.e2e.simulator.dav.DavBackend;

/**
 * The seven Contacts tools through a real MCP client, mcp-resource, the Nextcloud simulator and a real CardDAV
 * server; the concrete classes choose the server (sabre/dav in Nextcloud's layout, Radicale in its own). The login
 * name differs from the user id, so the address book home must come from discovery (current-user-principal →
 * addressbook-home-set).
 */
abstract class ContactsScenarios {

    private static SingleUserStack stack;
    /** Where alice's default address book "contacts" is on this server, for requests past the tools. */
    private static String contactsBook;

    static void startWith(DavBackend dav, String aliceContactsBook) {
        contactsBook = aliceContactsBook;
        stack = SingleUserStack.start(SingleUserStack.EMAIL_LOGIN, dav);
    }

    static void stopAll() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    /** A vCard's unfolded content lines, sorted, with the (case-insensitive) group and property name upper-cased. */
    private static List<String> contentLines(String vcard) {
        return java.util.Arrays.stream(vcard.replaceAll("\r?\n[ \t]", "").split("\r?\n"))
                .filter(line -> !line.isEmpty())
                .map(line -> {
                    int end = line.replaceAll("[;:].*", "").length();
                    return line.substring(0, end).toUpperCase(java.util.Locale.ROOT) + line.substring(end);
                })
                .sorted().toList();
    }

    @Test
    void listsSevenContactsToolsWithScopesAndExplicitHints() {
        List<McpSchema.Tool> tools = stack.mcp().listTools().tools().stream()
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
        // on Radicale the address book home also holds the calendars: only address books are listed
        assertThat(list(stack.ok("nc_contacts_list_address_books", Map.of()), "addressBooks"))
                .extracting(b -> b.get("id")).contains("contacts").doesNotContain("personal");

        Map<String, Object> created = stack.ok("nc_contacts_create_address_book", Map.of("displayName", "Work Mates",
                "description", "Colleagues"));
        assertThat(created).containsEntry("id", "work-mates");
        assertThat(list(stack.ok("nc_contacts_list_address_books", Map.of()), "addressBooks"))
                .filteredOn(b -> b.get("id").equals("work-mates")).singleElement().satisfies(book -> assertThat(book)
                        .containsEntry("displayName", "Work Mates").containsEntry("description", "Colleagues"));
        assertThat(stack.error("nc_contacts_create_address_book", Map.of("displayName", "Work Mates")))
                .contains("'work-mates' already exists");

        assertThat(stack.ok("nc_contacts_delete_address_book", Map.of("addressBook", "work-mates")))
                .containsEntry("deleted", true);
        assertThat(stack.error("nc_contacts_delete_address_book", Map.of("addressBook", "work-mates")))
                .contains("no address book 'work-mates'");
        assertThat(stack.error("nc_contacts_list_contacts", Map.of("addressBook", "work-mates")))
                .contains("no address book 'work-mates'");
        assertThat(stack.error("nc_contacts_delete_address_book", Map.of("addressBook", "../contacts")))
                .startsWith("Invalid input").contains("not usable");
    }

    @Test
    void contactsAreCreatedAndListedWithAQuery() {
        stack.ok("nc_contacts_create_address_book", Map.of("displayName", "Clients"));
        Map<String, Object> created = stack.ok("nc_contacts_create_contact", Map.of("addressBook", "clients",
                "givenName", "Jane", "familyName", "Doe", "organization", "Example; Corp",
                "emails", List.of(Map.of("value", "jane@example.com", "type", "work")),
                "phones", List.of(Map.of("value", "+1 555 0100", "type", "cell")), "birthday", "1990-05-17",
                "note", "Met in Berlin, twice"));
        assertThat(created).containsEntry("fullName", "Jane Doe").containsEntry("vcardVersion", "3.0");
        assertThat((String) created.get("etag")).isNotBlank();
        stack.ok("nc_contacts_create_contact", Map.of("addressBook", "clients", "fullName", "Bob Builder"));

        Map<String, Object> all = stack.ok("nc_contacts_list_contacts", Map.of("addressBook", "clients"));
        assertThat(list(all, "contacts")).extracting(c -> c.get("fullName")).containsExactly("Bob Builder", "Jane Doe");
        Map<String, Object> jane = list(stack.ok("nc_contacts_list_contacts", Map.of("addressBook", "clients", "query",
                "example.com")), "contacts").get(0);
        assertThat(jane).containsEntry("id", created.get("id")).containsEntry("etag", created.get("etag"))
                .containsEntry("organization", "Example; Corp").containsEntry("birthday", "1990-05-17")
                .containsEntry("note", "Met in Berlin, twice");
        assertThat(list(jane, "emails")).containsExactly(Map.of("value", "jane@example.com", "type", "work"));
        assertThat(list(stack.ok("nc_contacts_list_contacts", Map.of("addressBook", "clients", "limit", 1)), "contacts"))
                .hasSize(1);

        assertThat(stack.error("nc_contacts_create_contact", Map.of("addressBook", "nowhere", "fullName", "X")))
                .contains("no address book 'nowhere'");
        assertThat(stack.error("nc_contacts_create_contact", Map.of("addressBook", "clients")))
                .contains("needs a name");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUpdateChangesOnlyTheGivenFieldsKeepsUnknownPropertiesAndHonoursTheEtag() throws Exception {
        String card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-1\r\nFN:Max Mustermann\r\nN:Mustermann;Max;;;\r\n"
                + "item1.EMAIL;TYPE=INTERNET:max@old.example\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n"
                + "ADR;TYPE=HOME:;;Hauptstr. 1;Berlin;;10115;Germany\r\n"
                + "X-CUSTOM;X-PARAM=\"a;b\":keep\\, me\r\nNOTE:old note\r\nEND:VCARD\r\n";
        String path = contactsBook + "phone-1.vcf";
        assertThat(stack.asAlice("PUT", path, card, "Content-Type", "text/vcard; charset=utf-8", "If-None-Match", "*")
                .statusCode()).isEqualTo(201);
        Map<String, Object> before = list(stack.ok("nc_contacts_list_contacts", Map.of("addressBook", "contacts",
                "query", "mustermann")), "contacts").get(0);
        assertThat((List<Object>) before.get("otherProperties")).contains("ADR", "X-CUSTOM", "X-ABLABEL");

        Map<String, Object> updated = stack.ok("nc_contacts_update_contact", Map.of("addressBook", "contacts",
                "id", "phone-1.vcf", "etag", before.get("etag"), "note", "new note",
                "phones", List.of(Map.of("value", "+49 30 1234", "type", "work"))));
        assertThat(updated).containsEntry("note", "new note").containsEntry("fullName", "Max Mustermann");
        assertThat(updated.get("etag")).isNotEqualTo(before.get("etag"));

        // every line kept as it was, one changed, one added; compared as a set of lines because a server may store
        // the card in its own order and spell property names in upper case (Radicale re-serialises; sabre does not)
        String stored = stack.asAlice("GET", path, null).body();
        assertThat(contentLines(stored)).isEqualTo(contentLines(card.replace("NOTE:old note", "NOTE:new note")
                .replace("END:VCARD", "TEL;TYPE=WORK:+49 30 1234\r\nEND:VCARD")));

        String stale = stack.error("nc_contacts_update_contact", Map.of("addressBook", "contacts", "id", "phone-1.vcf",
                "etag", before.get("etag"), "note", "lost update"));
        assertThat(stale).startsWith("Conflict").contains("the current etag is " + updated.get("etag"));
        assertThat(stack.asAlice("GET", path, null).body()).contains("NOTE:new note");

        assertThat(stack.error("nc_contacts_update_contact", Map.of("addressBook", "contacts", "id", "ghost.vcf",
                "note", "x"))).contains("no contact 'ghost.vcf'");
    }

    @Test
    void deleteHonoursTheEtagAndReportsMissingContacts() {
        Map<String, Object> created = stack.ok("nc_contacts_create_contact", Map.of("addressBook", "contacts",
                "fullName", "Short Lived"));
        String id = (String) created.get("id");
        assertThat(stack.error("nc_contacts_delete_contact", Map.of("addressBook", "contacts", "id", id, "etag", "stale")))
                .startsWith("Conflict").contains("the current etag is " + created.get("etag"));

        assertThat(stack.ok("nc_contacts_delete_contact", Map.of("addressBook", "contacts", "id", id, "etag",
                created.get("etag")))).containsEntry("deleted", true);
        assertThat(stack.error("nc_contacts_delete_contact", Map.of("addressBook", "contacts", "id", id)))
                .contains("no contact '" + id + "'");
        assertThat(list(stack.ok("nc_contacts_list_contacts", Map.of("addressBook", "contacts", "query", "short lived")),
                "contacts")).isEmpty();
    }
}
