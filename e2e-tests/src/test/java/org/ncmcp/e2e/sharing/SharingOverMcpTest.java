package org.ncmcp.e2e.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.mcp.SingleUserStack.text;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.mcp.SingleUserStack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sharing tools through a real MCP client, mcp-resource (single-user, as alice) and the simulator's OCS share
 * API, with bob as a second user: each tool's happy path and its not-found or refused path.
 */
class SharingOverMcpTest {

    @AutoClose
    private static SingleUserStack stack;
    private static String bobAppPassword;
    /** The one share made with alice: bob's soup recipe. */
    private static String incomingShareId;

    @BeforeAll
    static void start() {
        stack = SingleUserStack.start("alice");
        stack.nextcloud().state().addUser("bob", "bob", "Bob", "bob-login");
        byte[] pdf = "%PDF-1.7".getBytes(StandardCharsets.UTF_8);
        stack.nextcloud().state().createFile("alice", "Documents/Report.pdf", pdf, "application/pdf");
        stack.nextcloud().state().createFile("alice", "Documents/Budget.ods", pdf, "application/vnd.oasis.opendocument.spreadsheet");
        stack.nextcloud().state().createFile("alice", "Photos/Beach.jpg", pdf, "image/jpeg");
        stack.nextcloud().state().createFile("bob", "Recipes/Soup.md", pdf, "text/markdown");
        bobAppPassword = stack.nextcloud().state().issueAppPassword("bob");
        incomingShareId = bobSharesSoupWithAlice();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> shares(Map<String, Object> list) {
        return (List<Map<String, Object>>) list.get("shares");
    }

    /** Bob shares one of his files with alice, straight through the simulator's OCS API. */
    private static String bobSharesSoupWithAlice() {
        String basic = Base64.getEncoder().encodeToString(("bob:" + bobAppPassword).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.nextcloud().baseUri()
                        + "/ocs/v2.php/apps/files_sharing/api/v1/shares?format=json"))
                .header("Authorization", "Basic " + basic).header("OCS-APIRequest", "true")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"/Recipes/Soup.md\",\"shareType\":0,"
                        + "\"shareWith\":\"alice\",\"permissions\":1}"))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = JsonMapper.builder().build().readTree(response.body()).path("ocs").path("data");
        return data.path("id").asString();
    }

    @Test
    void theFiveToolsAreListedWithExplicitHintsAndAShareTypeEnum() {
        Map<String, McpSchema.Tool> tools = new LinkedHashMap<>();
        stack.mcp().listTools().tools().stream().filter(t -> t.name().startsWith("nc_sharing_"))
                .forEach(t -> tools.put(t.name(), t));
        assertThat(tools).containsOnlyKeys("nc_sharing_create_share", "nc_sharing_get_share", "nc_sharing_list_shares",
                "nc_sharing_update_share", "nc_sharing_delete_share");
        McpSchema.ToolAnnotations create = tools.get("nc_sharing_create_share").annotations();
        assertThat(create.readOnlyHint()).isFalse();
        assertThat(create.destructiveHint()).isFalse();
        assertThat(create.idempotentHint()).isFalse();
        assertThat(create.openWorldHint()).isTrue();
        assertThat(tools.get("nc_sharing_delete_share").annotations().destructiveHint()).isTrue();
        assertThat(tools.get("nc_sharing_get_share").annotations().readOnlyHint()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) tools.get("nc_sharing_create_share").inputSchema()
                .get("properties");
        assertThat(properties.get("shareType").toString()).contains("user", "group", "link", "email");
        assertThat(properties.get("permissions").toString()).contains("read", "update", "create", "delete", "share");
        assertThat(properties.get("expireDate").toString()).contains("2026-12-31");
    }

    @Test
    void aUserShareOfAFileGetsReadUpdateShareAndCanBeReadBack() {
        Map<String, Object> created = stack.ok("nc_sharing_create_share", "path", "/Documents/Report.pdf",
                "shareType", "user", "shareWith", "bob");
        assertThat(created.get("permissions")).isEqualTo(List.of("read", "update", "share"));
        assertThat(created.get("permissionBits")).isEqualTo(19);
        assertThat(created.get("shareWith")).isEqualTo("bob");
        assertThat(created.get("shareType")).isEqualTo("user");
        Map<String, Object> read = stack.ok("nc_sharing_get_share", "shareId", created.get("id"));
        assertThat(read.get("path")).isEqualTo("/Documents/Report.pdf");
        assertThat(read.get("itemType")).isEqualTo("file");
        assertThat(stack.error("nc_sharing_create_share", "path", "/Documents/Report.pdf", "shareType", "user",
                "shareWith", "bob")).contains("already shared");
    }

    @Test
    void sharingAMissingPathOrWithAnUnknownUserSaysWhy() {
        assertThat(stack.error("nc_sharing_create_share", "path", "/Documents/Nope.pdf", "shareType", "link"))
                .contains("Wrong path, file/folder does not exist");
        assertThat(stack.error("nc_sharing_create_share", "path", "/Documents/Report.pdf", "shareType", "user",
                "shareWith", "nobody")).contains("valid account");
        assertThat(stack.error("nc_sharing_create_share", "path", "/Documents/Report.pdf", "shareType", "fax"))
                .contains("shareType", "\"user\", \"group\", \"link\", \"email\"");
    }

    @Test
    void aPasswordProtectedLinkNeverShowsThePasswordOrItsHash() {
        CallToolResult result = stack.call("nc_sharing_create_share", "path", "/Photos/Beach.jpg", "shareType", "link",
                "password", "correct-horse-battery", "expireDate", "2099-06-30", "label", "Holiday");
        assertThat(result.isError()).as(text(result)).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> link = (Map<String, Object>) result.structuredContent();
        assertThat(link.get("passwordProtected")).isEqualTo(true);
        assertThat((String) link.get("url")).contains("/index.php/s/");
        assertThat(link.get("expireDate")).isEqualTo("2099-06-30");
        assertThat(link.get("shareWith")).isEqualTo("");
        assertThat(text(result)).doesNotContain("correct-horse-battery", "argon2");
        assertThat(stack.error("nc_sharing_create_share", "path", "/Photos/Beach.jpg", "shareType", "link",
                "expireDate", "2001-01-01")).contains("expireDate");
    }

    @Test
    void listingMineByPathInsideAFolderAndSharedWithMe() throws Exception {
        stack.ok("nc_sharing_create_share", "path", "/Documents/Budget.ods", "shareType", "group", "shareWith", "users");
        stack.ok("nc_sharing_create_share", "path", "/Documents", "shareType", "email", "shareWith", "carol@example.com");
        List<Map<String, Object>> byPath = shares(stack.ok("nc_sharing_list_shares", "path", "/Documents/Budget.ods"));
        assertThat(byPath).extracting(s -> s.get("shareType")).containsExactly("group");
        List<Map<String, Object>> folder = shares(stack.ok("nc_sharing_list_shares", "path", "/Documents"));
        assertThat(folder).extracting(s -> s.get("itemType")).containsExactly("folder");
        assertThat(folder.get(0).get("permissionBits")).isEqualTo(1);
        List<Map<String, Object>> inside = shares(stack.ok("nc_sharing_list_shares", "path", "/Documents",
                "insideFolder", true));
        assertThat(inside).extracting(s -> s.get("path")).contains("/Documents/Budget.ods")
                .doesNotContain("/Documents");
        assertThat(stack.error("nc_sharing_list_shares", "path", "/Nowhere")).contains("Wrong path");
        assertThat(stack.error("nc_sharing_list_shares", "path", "/Documents/Budget.ods", "insideFolder", true))
                .contains("Not a directory");

        List<Map<String, Object>> withMe = shares(stack.ok("nc_sharing_list_shares", "sharedWithMe", true));
        assertThat(withMe).extracting(s -> s.get("id")).containsExactly(incomingShareId);
        assertThat(withMe.get(0).get("owner")).isEqualTo("bob");
        assertThat(withMe.get(0).get("path")).isEqualTo("/Soup.md");
    }

    @Test
    void updatingChangesOnlyTheGivenFieldsAndRefusesIncomingOrMissingShares() throws Exception {
        Map<String, Object> link = stack.ok("nc_sharing_create_share", "path", "/Documents/Budget.ods", "shareType", "link",
                "note", "Q3 numbers");
        Map<String, Object> updated = stack.ok("nc_sharing_update_share", "shareId", link.get("id"),
                "password", "s3cret-enough", "expireDate", "2099-01-15");
        assertThat(updated.get("passwordProtected")).isEqualTo(true);
        assertThat(updated.get("expireDate")).isEqualTo("2099-01-15");
        assertThat(updated.get("note")).isEqualTo("Q3 numbers");
        Map<String, Object> cleared = stack.ok("nc_sharing_update_share", "shareId", link.get("id"),
                "removePassword", true, "removeExpireDate", true);
        assertThat(cleared.get("passwordProtected")).isEqualTo(false);
        assertThat(cleared.get("expireDate")).isEqualTo("");
        assertThat(stack.error("nc_sharing_update_share", "shareId", link.get("id"))).contains("nothing to change");
        assertThat(stack.error("nc_sharing_update_share", "shareId", "987654", "note", "x"))
                .contains("Wrong share ID, share does not exist");
        assertThat(stack.error("nc_sharing_update_share", "shareId", incomingShareId, "permissions", List.of("read", "update")))
                .contains("not allowed to edit incoming shares");
    }

    @Test
    void deletingStopsTheShareAndASecondDeleteFindsNothing() {
        Map<String, Object> link = stack.ok("nc_sharing_create_share", "path", "/Photos/Beach.jpg", "shareType", "link");
        Map<String, Object> deleted = stack.ok("nc_sharing_delete_share", "shareId", link.get("id"));
        assertThat(deleted.get("deleted")).isEqualTo(true);
        assertThat(deleted.get("path")).isEqualTo("/Photos/Beach.jpg");
        assertThat(stack.error("nc_sharing_get_share", "shareId", link.get("id"))).contains("share does not exist");
        assertThat(stack.error("nc_sharing_delete_share", "shareId", link.get("id"))).contains("share does not exist");
        assertThat(stack.error("nc_sharing_delete_share", "shareId", "abc")).contains("share id");
    }
}
