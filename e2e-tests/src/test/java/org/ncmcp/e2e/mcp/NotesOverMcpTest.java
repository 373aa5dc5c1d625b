package org.ncmcp.e2e.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;

/**
 * The Notes tools through a real MCP client, mcp-resource and the Nextcloud simulator: what a person
 * does with an assistant, end to end.
 */
class NotesOverMcpTest {

    private static NextcloudSimulator nextcloud;
    private static McpResourceFixture server;
    private static McpSyncClient mcp;
    private static String appPassword;

    @BeforeAll
    static void start() {
        nextcloud = NextcloudSimulator.start(SimulatorOptions.defaults());
        nextcloud.state().addUser("alice", "alice@example.com", "Alice", "login-secret");
        appPassword = nextcloud.state().issueAppPassword("alice");
        server = new McpResourceFixture(nextcloud.baseUri().toString(), "alice@example.com", appPassword);
        mcp = server.newClient();
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
    }

    private static CallToolResult call(String tool, Map<String, Object> arguments) {
        return mcp.callTool(new CallToolRequest(tool, arguments));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(CallToolResult result) {
        assertThat(result.isError()).as(text(result)).isFalse();
        return (Map<String, Object>) result.structuredContent();
    }

    private static String text(CallToolResult result) {
        return result.content().stream().filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text()).findFirst().orElse("");
    }

    private static long createNote(String title, String content, String category) {
        Map<String, Object> created = structured(call("nc_notes_create_note",
                Map.of("title", title, "content", content, "category", category)));
        return ((Number) created.get("id")).longValue();
    }

    @Test
    void listsTheSevenNotesToolsWithScopesAnnotationsAndSchemas() {
        List<McpSchema.Tool> tools = mcp.listTools().tools();
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

        Map<String, Object> note = structured(call("nc_notes_get_note", Map.of("noteId", id)));
        assertThat(note).containsEntry("title", "Trip to Lisbon").containsEntry("category", "Travel")
                .containsEntry("content", "Book flights");

        Map<String, Object> found = structured(call("nc_notes_search_notes", Map.of("query", "lisbon")));
        assertThat((List<Map<String, Object>>) found.get("results")).first()
                .satisfies(hit -> assertThat(((Number) hit.get("id")).longValue()).isEqualTo(id));

        structured(call("nc_notes_append_content", Map.of("noteId", id, "content", "Pack sunscreen")));
        Map<String, Object> appended = structured(call("nc_notes_get_note", Map.of("noteId", id)));
        assertThat(appended.get("content")).isEqualTo("Book flights\n---\nPack sunscreen");

        Map<String, Object> updated = structured(call("nc_notes_update_note",
                Map.of("noteId", id, "etag", appended.get("etag"), "content", "All booked")));
        assertThat(updated.get("etag")).isNotEqualTo(appended.get("etag"));
        assertThat(structured(call("nc_notes_get_note", Map.of("noteId", id)))).containsEntry("content", "All booked");

        assertThat(structured(call("nc_notes_delete_note", Map.of("noteId", id)))).containsEntry("deleted", true);
        CallToolResult gone = call("nc_notes_get_note", Map.of("noteId", id));
        assertThat(gone.isError()).isTrue();
        assertThat(text(gone)).contains("Note " + id + " does not exist");
    }

    @Test
    void appendingToAnEmptyNoteAddsNoSeparator() {
        long id = createNote("Empty", "", "");
        structured(call("nc_notes_append_content", Map.of("noteId", id, "content", "first line")));
        assertThat(structured(call("nc_notes_get_note", Map.of("noteId", id)))).containsEntry("content", "first line");
    }

    @Test
    void updateWithAStaleEtagIsAConflictThatCarriesTheCurrentEtagAndOverwritesNothing() {
        long id = createNote("Shared list", "v1", "");
        String firstEtag = (String) structured(call("nc_notes_get_note", Map.of("noteId", id))).get("etag");
        String secondEtag = (String) structured(call("nc_notes_update_note",
                Map.of("noteId", id, "etag", firstEtag, "content", "v2"))).get("etag");

        CallToolResult stale = call("nc_notes_update_note", Map.of("noteId", id, "etag", firstEtag, "content", "v3"));

        assertThat(stale.isError()).isTrue();
        assertThat(text(stale)).startsWith("Conflict").contains("the current etag is " + secondEtag)
                .contains("Nothing was overwritten");
        assertThat(structured(call("nc_notes_get_note", Map.of("noteId", id)))).containsEntry("content", "v2");
    }

    @Test
    void searchRanksTitleMatchesFirstAndReturnsIdTitleCategory() {
        long inTitle = createNote("Quarterly zebra review", "numbers", "Work");
        long inBody = createNote("Misc", "we saw a zebra at the quarterly fair", "Private");
        Map<String, Object> found = structured(call("nc_notes_search_notes", Map.of("query", "quarterly zebra")));
        List<Map<String, Object>> results = (List<Map<String, Object>>) found.get("results");
        assertThat(results).extracting(hit -> ((Number) hit.get("id")).longValue()).containsExactly(inTitle, inBody);
        assertThat(results.get(0)).containsKeys("id", "title", "category", "score");
    }

    @Test
    void attachmentComesBackBase64WithItsMediaType() {
        long id = createNote("With picture", "![](.attachments.x/pic.png)", "");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        nextcloud.state().putNoteAttachment("alice", id, "pic.png", png, "image/png");
        Map<String, Object> attachment = structured(call("nc_notes_get_attachment",
                Map.of("noteId", id, "path", ".attachments." + id + "/pic.png")));
        assertThat(attachment).containsEntry("mimeType", "image/png").containsEntry("sizeBytes", png.length);
        assertThat(Base64.getDecoder().decode((String) attachment.get("contentBase64"))).isEqualTo(png);

        CallToolResult missing = call("nc_notes_get_attachment", Map.of("noteId", id, "path", "nope.png"));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("has no attachment 'nope.png'");
    }

    @Test
    void invalidArgumentsAreAToolErrorNamingTheProblem() {
        CallToolResult result = call("nc_notes_search_notes", Map.of("query", "x", "limit", 1000));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("limit").doesNotContain("Exception");
    }

    @Test
    void noteResourceAndCapabilitiesResourceAreReadable() {
        long id = createNote("Resource note", "# hello", "");
        McpSchema.ReadResourceResult note = mcp.readResource(new McpSchema.ReadResourceRequest("nc://Notes/" + id));
        assertThat(((McpSchema.TextResourceContents) note.contents().get(0)).text()).isEqualTo("# hello");

        McpSchema.ReadResourceResult capabilities = mcp.readResource(new McpSchema.ReadResourceRequest("nc://capabilities"));
        assertThat(((McpSchema.TextResourceContents) capabilities.contents().get(0)).text()).contains("\"notes\"");
    }

    @Test
    void missingNoteResourceIsResourceNotFound() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> mcp.readResource(new McpSchema.ReadResourceRequest("nc://Notes/999999")))
                .isInstanceOf(McpError.class);
    }

    @Test
    void revokedAppPasswordGivesAClearCredentialsErrorNotAStackTrace() {
        String other = nextcloud.state().issueAppPassword("alice");
        try (McpResourceFixture revoked = new McpResourceFixture(nextcloud.baseUri().toString(), "alice@example.com", other)) {
            nextcloud.state().revokeAppPassword(other);
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
