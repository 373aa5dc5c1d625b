package org.ncmcp.e2e.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.mcp.SingleUserStack.text;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Notes tools through a real MCP client, mcp-resource and the Nextcloud simulator: what a person
 * does with an assistant, end to end.
 */
class NotesOverMcpTest {

    @AutoClose
    private static SingleUserStack stack;

    @BeforeAll
    static void start() {
        stack = SingleUserStack.start(SingleUserStack.EMAIL_LOGIN);
    }

    private static long createNote(String title, String content, String category) {
        Map<String, Object> created = stack.ok("nc_notes_create_note",
                Map.of("title", title, "content", content, "category", category));
        return ((Number) created.get("id")).longValue();
    }

    @Test
    void listsTheSevenNotesToolsWithScopesAnnotationsAndSchemas() {
        List<McpSchema.Tool> tools = stack.mcp().listTools().tools();
        // the notes tools among all apps' tools
        assertThat(tools).extracting(McpSchema.Tool::name).filteredOn(name -> name.startsWith("nc_notes_"))
                .containsExactlyInAnyOrder("nc_notes_create_note",
                "nc_notes_update_note", "nc_notes_append_content", "nc_notes_search_notes", "nc_notes_get_note",
                "nc_notes_get_attachment", "nc_notes_delete_note");
        McpSchema.Tool get = tools.stream().filter(t -> t.name().equals("nc_notes_get_note")).findFirst().orElseThrow();
        assertThat(get.annotations().readOnlyHint()).isTrue();
        assertThat(get.annotations().destructiveHint()).isFalse();
        assertThat(get.annotations().openWorldHint()).isFalse();
        assertThat(get.meta()).containsEntry("nextcloud-mcp/scope", "notes:read");
        assertThat(get.outputSchema()).containsKey("properties");
        assertThat(get.inputSchema().toString()).contains("noteId", "description", "examples");
        McpSchema.Tool delete = tools.stream().filter(t -> t.name().equals("nc_notes_delete_note")).findFirst().orElseThrow();
        assertThat(delete.annotations().destructiveHint()).isTrue();
        assertThat(delete.meta()).containsEntry("nextcloud-mcp/scope", "notes:write");
    }

    @Test
    void createReadSearchAppendUpdateAndDeleteANote() {
        long id = createNote("Trip to Lisbon", "Book flights", "Travel");

        Map<String, Object> note = stack.ok("nc_notes_get_note", Map.of("noteId", id));
        assertThat(note).containsEntry("title", "Trip to Lisbon").containsEntry("category", "Travel")
                .containsEntry("content", "Book flights");

        Map<String, Object> found = stack.ok("nc_notes_search_notes", Map.of("query", "lisbon"));
        assertThat((List<Map<String, Object>>) found.get("results")).first()
                .satisfies(hit -> assertThat(((Number) hit.get("id")).longValue()).isEqualTo(id));

        stack.ok("nc_notes_append_content", Map.of("noteId", id, "content", "Pack sunscreen"));
        Map<String, Object> appended = stack.ok("nc_notes_get_note", Map.of("noteId", id));
        assertThat(appended.get("content")).isEqualTo("Book flights\n---\nPack sunscreen");

        Map<String, Object> updated = stack.ok("nc_notes_update_note",
                Map.of("noteId", id, "etag", appended.get("etag"), "content", "All booked"));
        assertThat(updated.get("etag")).isNotEqualTo(appended.get("etag"));
        assertThat(stack.ok("nc_notes_get_note", Map.of("noteId", id))).containsEntry("content", "All booked");

        assertThat(stack.ok("nc_notes_delete_note", Map.of("noteId", id))).containsEntry("deleted", true);
        CallToolResult gone = stack.call("nc_notes_get_note", Map.of("noteId", id));
        assertThat(gone.isError()).isTrue();
        assertThat(text(gone)).contains("Note " + id + " does not exist");
    }

    @Test
    void appendingToAnEmptyNoteAddsNoSeparator() {
        long id = createNote("Empty", "", "");
        stack.ok("nc_notes_append_content", Map.of("noteId", id, "content", "first line"));
        assertThat(stack.ok("nc_notes_get_note", Map.of("noteId", id))).containsEntry("content", "first line");
    }

    @Test
    void updateWithAStaleEtagIsAConflictThatCarriesTheCurrentEtagAndOverwritesNothing() {
        long id = createNote("Shared list", "v1", "");
        String firstEtag = (String) stack.ok("nc_notes_get_note", Map.of("noteId", id)).get("etag");
        String secondEtag = (String) stack.ok("nc_notes_update_note",
                Map.of("noteId", id, "etag", firstEtag, "content", "v2")).get("etag");

        CallToolResult stale = stack.call("nc_notes_update_note", Map.of("noteId", id, "etag", firstEtag, "content", "v3"));

        assertThat(stale.isError()).isTrue();
        assertThat(text(stale)).startsWith("Conflict").contains("the current etag is " + secondEtag)
                .contains("Nothing was overwritten");
        assertThat(stack.ok("nc_notes_get_note", Map.of("noteId", id))).containsEntry("content", "v2");
    }

    @Test
    void searchRanksTitleMatchesFirstAndReturnsIdTitleCategory() {
        long inTitle = createNote("Quarterly zebra review", "numbers", "Work");
        long inBody = createNote("Misc", "we saw a zebra at the quarterly fair", "Private");
        Map<String, Object> found = stack.ok("nc_notes_search_notes", Map.of("query", "quarterly zebra"));
        List<Map<String, Object>> results = (List<Map<String, Object>>) found.get("results");
        assertThat(results).extracting(hit -> ((Number) hit.get("id")).longValue()).containsExactly(inTitle, inBody);
        assertThat(results.get(0)).containsKeys("id", "title", "category", "score");
    }

    @Test
    void attachmentComesBackBase64WithItsMediaType() {
        long id = createNote("With picture", "![](.attachments.x/pic.png)", "");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        stack.nextcloud().state().putNoteAttachment("alice", id, "pic.png", png, "image/png");
        Map<String, Object> attachment = stack.ok("nc_notes_get_attachment",
                Map.of("noteId", id, "path", ".attachments." + id + "/pic.png"));
        assertThat(attachment).containsEntry("mimeType", "image/png").containsEntry("sizeBytes", png.length);
        assertThat(Base64.getDecoder().decode((String) attachment.get("contentBase64"))).isEqualTo(png);

        CallToolResult missing = stack.call("nc_notes_get_attachment", Map.of("noteId", id, "path", "nope.png"));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("has no attachment 'nope.png'");
    }

    @Test
    void invalidArgumentsAreAToolErrorNamingTheProblem() {
        CallToolResult result = stack.call("nc_notes_search_notes", Map.of("query", "x", "limit", 1000));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("limit").doesNotContain("Exception");
    }

    @Test
    void noteResourceAndCapabilitiesResourceAreReadable() {
        long id = createNote("Resource note", "# hello", "");
        McpSchema.ReadResourceResult note = stack.mcp().readResource(new McpSchema.ReadResourceRequest("nc://Notes/" + id));
        assertThat(((McpSchema.TextResourceContents) note.contents().get(0)).text()).isEqualTo("# hello");

        McpSchema.ReadResourceResult capabilities = stack.mcp().readResource(new McpSchema.ReadResourceRequest("nc://capabilities"));
        assertThat(((McpSchema.TextResourceContents) capabilities.contents().get(0)).text()).contains("\"notes\"");
    }

    @Test
    void missingNoteResourceIsResourceNotFound() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> stack.mcp().readResource(new McpSchema.ReadResourceRequest("nc://Notes/999999")))
                .isInstanceOf(McpError.class);
    }

    @Test
    void revokedAppPasswordGivesAClearCredentialsErrorNotAStackTrace() {
        String other = stack.nextcloud().state().issueAppPassword("alice");
        try (McpResourceFixture revoked = new McpResourceFixture(stack.nextcloud().baseUri().toString(), "alice@example.com", other)) {
            stack.nextcloud().state().revokeAppPassword(other);
            McpSyncClient client = revoked.newClient();
            try {
                CallToolResult result = client.callTool(new CallToolRequest("nc_notes_search_notes", Map.of("query", "x")));
                assertThat(result.isError()).isTrue();
                assertThat(text(result)).contains("rejected the credentials", "NEXTCLOUD_APP_PASSWORD")
                        .doesNotContain(other).doesNotContain("at org.");
            } finally {
                client.closeGracefully();
            }
        }
    }
}
