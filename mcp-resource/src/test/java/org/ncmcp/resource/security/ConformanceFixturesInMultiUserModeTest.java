package org.ncmcp.resource.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.resource.security.MultiUserServerTest.RESOURCE;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.McpResourceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The conformance fixtures ({@code test_*} tools) are not in the tool catalogue and touch no Nextcloud
 * data, so in multi-user mode they need a valid token but no particular scope; catalogue tools keep theirs.
 */
class ConformanceFixturesInMultiUserModeTest {

    @Test
    @DisplayName("RS-09 fixture tools need only a valid token; Nextcloud tools still need their scope")
    void fixturesNeedNoScope() {
        try (TestAuthorizationServer broker = TestAuthorizationServer.start();
                ConfigurableApplicationContext server = new SpringApplicationBuilder(McpResourceApplication.class)
                        .run("--server.port=0", "--spring.profiles.active=conformance",
                                "--nextcloud.url=http://127.0.0.1:9", "--mcp.auth.issuer=" + broker.issuer(),
                                "--mcp.auth.resource-uri=" + RESOURCE)) {
            String endpoint = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port") + "/mcp";
            String token = broker.token(RESOURCE).scope("calendar:read").mint();

            HttpResponse<String> list = call(endpoint, token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("\"test_simple_text\"").doesNotContain("\"nc_notes_get_note\"");

            HttpResponse<String> fixture = call(endpoint, token, MultiUserServerTest.toolCall("test_simple_text", "{}"));
            assertThat(fixture.statusCode()).isEqualTo(200);
            assertThat(fixture.body()).contains("This is a simple text response for testing.");

            assertThat(call(endpoint, token, MultiUserServerTest.toolCall("nc_notes_get_note", "{\"noteId\":1}"))
                    .statusCode()).isEqualTo(403);
            assertThat(call(endpoint, null, MultiUserServerTest.toolCall("test_simple_text", "{}")).statusCode())
                    .isEqualTo(401);
        }
    }

    private static HttpResponse<String> call(String endpoint, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return MultiUserServerTest.send(request.build());
    }
}
