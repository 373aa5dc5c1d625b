package org.ncmcp.resource.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Per-tool scopes: checked before dispatch with an HTTP 403 challenge, and tools/list filtered by them. */
class ToolScopeTest extends MultiUserServerTest {

    private static final List<String> READ_TOOLS = List.of("nc_notes_search_notes", "nc_notes_get_note",
            "nc_notes_get_attachment");
    private static final List<String> WRITE_TOOLS = List.of("nc_notes_create_note", "nc_notes_update_note",
            "nc_notes_append_content", "nc_notes_delete_note");

    @Autowired
    JsonMapper json;

    private <T> T withClient(String token, Function<McpSyncClient, T> use) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(baseUrl())
                        .endpoint("/mcp")
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                        .build())
                .requestTimeout(Duration.ofSeconds(20))
                .build();
        try {
            client.initialize();
            return use.apply(client);
        } finally {
            client.closeGracefully();
        }
    }

    private List<String> listedTools(String scope) {
        return withClient(broker.token(RESOURCE).scope(scope).mint(),
                client -> client.listTools().tools().stream().map(McpSchema.Tool::name).toList());
    }

    private static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    @DisplayName("RS-07 a valid token works end to end through a real MCP client; the token never reaches Nextcloud")
    void validTokenWorksThroughAnMcpClient() {
        CallToolResult result = withClient(broker.token(RESOURCE).mint(), client -> {
            assertThat(client.listTools().tools()).isNotEmpty();
            return client.callTool(new CallToolRequest("nc_notes_get_note", Map.of("noteId", 1)));
        });
        // Multi-user mode takes Nextcloud credentials from broker leases only; this test has no lease client
        // configured, so the tool says so instead of calling Nextcloud (leases are tested against the real broker
        // in e2e-tests)...
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("no lease client configured", "No Nextcloud request was made");
        // ...and the caller's own token is not forwarded to Nextcloud instead (no request at all).
        assertThat(nextcloud.authorizationHeaders()).isEmpty();
    }

    @Test
    @DisplayName("RS-09 tools/list shows only the tools the token's scopes allow")
    void toolsListIsFilteredByScope() {
        assertThat(listedTools("notes:read")).containsAll(READ_TOOLS).doesNotContainAnyElementsOf(WRITE_TOOLS);
        assertThat(listedTools("calendar:read")).doesNotContainAnyElementsOf(READ_TOOLS)
                .doesNotContainAnyElementsOf(WRITE_TOOLS);
    }

    @Test
    @DisplayName("RS-10 notes:write implies notes:read: every notes tool is listed")
    void writeScopeListsReadTools() {
        assertThat(listedTools("notes:write")).containsAll(READ_TOOLS).containsAll(WRITE_TOOLS);
    }

    @Test
    @DisplayName("RS-09 a call above the token's scopes is a 403 naming all needed scopes in one challenge")
    void callAboveScopeIsForbiddenWithOneChallenge() {
        HttpResponse<String> response = postWithToken(broker.token(RESOURCE).scope("notes:read").mint(),
                toolCall("nc_notes_create_note", "{\"title\":\"t\",\"content\":\"c\"}"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(challenge(response))
                .startsWith("Bearer error=\"insufficient_scope\", error_description=\"")
                .contains("scope=\"notes:read notes:write\"")
                .endsWith("resource_metadata=\"" + METADATA_URL + "\"");
        assertThat(response.headers().allValues("WWW-Authenticate")).hasSize(1);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(body.path("id").asInt()).isEqualTo(42);
        assertThat(body.path("error").path("code").asInt()).isEqualTo(BearerChallenge.INSUFFICIENT_SCOPE_CODE);
        assertThat(body.path("error").path("message").asString()).contains("nc_notes_create_note", "notes:write");
    }

    @Test
    @DisplayName("RS-09 the challenge keeps the token's other scopes, so a step-up does not lose them")
    void challengeKeepsTheTokensOtherScopes() {
        HttpResponse<String> response = postWithToken(broker.token(RESOURCE).scope("calendar:read openid").mint(),
                toolCall("nc_notes_get_note", "{\"noteId\":1}"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(challenge(response)).contains("scope=\"notes:read calendar:read\"");
    }

    @Test
    @DisplayName("RS-10 a notes:write token passes a notes:read tool")
    void writeScopePassesReadTool() {
        HttpResponse<String> response = postWithToken(broker.token(RESOURCE).scope("notes:write").mint(),
                toolCall("nc_notes_get_note", "{\"noteId\":1}"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("no lease client configured");
    }

    @Test
    @DisplayName("RS-09 reading a note resource needs notes:read too")
    void noteResourceNeedsNotesRead() {
        HttpResponse<String> response = postWithToken(broker.token(RESOURCE).scope("calendar:read").mint(),
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\",\"params\":{\"uri\":\"nc://Notes/1\"}}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(challenge(response)).contains("scope=\"notes:read calendar:read\"");
    }

    @Test
    @DisplayName("RS-08 an unknown tool is the MCP server's ordinary invalid-params error, not a 403")
    void unknownToolFallsThrough() {
        HttpResponse<String> response = postWithToken(broker.token(RESOURCE).mint(), toolCall("no_such_tool", "{}"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("id").asInt()).isEqualTo(42);
        assertThat(body.path("error").path("code").asInt()).isEqualTo(-32602);
    }

    @Test
    @DisplayName("RS-08 a malformed body is a 400 JSON-RPC parse error, never a 500")
    void malformedBodyIs400() {
        HttpResponse<String> response = postWithToken(broker.token(RESOURCE).mint(), "{\"jsonrpc\":\"2.0\",\"id\":");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("error").path("code").asInt()).isEqualTo(-32700);
    }

    @Test
    @DisplayName("RS-09 duplicate keys cannot smuggle a write tool past the check")
    void duplicateKeysAreRefused() {
        String smuggled = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"nc_notes_get_note\",\"name\":\"nc_notes_delete_note\",\"arguments\":{\"noteId\":1}}}";
        HttpResponse<String> response = postWithToken(broker.token(RESOURCE).mint(), smuggled);
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("RS-09 a batch is checked message by message")
    void batchIsChecked() {
        String batch = "[" + toolCall("nc_notes_get_note", "{\"noteId\":1}") + ","
                + toolCall("nc_notes_delete_note", "{\"noteId\":1}") + "]";
        HttpResponse<String> refused = postWithToken(broker.token(RESOURCE).mint(), batch);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(challenge(refused)).contains("scope=\"notes:read notes:write\"");

        HttpResponse<String> allowed = postWithToken(broker.token(RESOURCE).scope("notes:write").mint(), batch);
        assertThat(allowed.statusCode()).isLessThan(500);
        assertThat(allowed.body()).doesNotContain("Exception", "at org.");
    }

    @Test
    @DisplayName("RS-18 an invalid Origin is still 403 with a valid token; loopback origins are served")
    void invalidOriginIsForbidden() {
        String token = broker.token(RESOURCE).mint();
        assertThat(postWithToken(token, PING, "Origin", "https://evil.example.com").statusCode()).isEqualTo(403);
        assertThat(postWithToken(token, PING, "Origin", "http://localhost:6274").statusCode()).isEqualTo(200);
    }
}
