package org.ncmcp.e2e.dav;

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
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.e2e.simulator.dav.DavBackend;
import org.ncmcp.resource.McpResourceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The stack the calendar, tasks and contacts suites share: a DAV server behind the simulator, alice (login
 * {@code alice@example.com}, user id {@code alice}, so homes must come from discovery), mcp-resource in single-user
 * mode and a real MCP client; plus the helpers the suites call tools with. Closing stops everything it started
 * and the DAV server it was given.
 */
public final class DavOverMcp implements AutoCloseable {

    public static final String LOGIN = "alice@example.com";

    private final DavBackend dav;
    private final NextcloudSimulator nextcloud;
    private final String appPassword;
    private final ConfigurableApplicationContext server;
    private final McpSyncClient mcp;

    private DavOverMcp(DavBackend dav, NextcloudSimulator nextcloud, String appPassword,
            ConfigurableApplicationContext server, McpSyncClient mcp) {
        this.dav = dav;
        this.nextcloud = nextcloud;
        this.appPassword = appPassword;
        this.server = server;
        this.mcp = mcp;
    }

    /** Everything in front of {@code dav}; if a step fails, what was started is stopped again (dav too). */
    public static DavOverMcp start(DavBackend dav) {
        NextcloudSimulator nextcloud = null;
        ConfigurableApplicationContext server = null;
        try {
            nextcloud = NextcloudSimulator.start(SimulatorOptions.defaults());
            nextcloud.attachDav(dav);
            nextcloud.state().addUser("alice", LOGIN, "Alice", "login-secret");
            String appPassword = nextcloud.state().issueAppPassword("alice");
            server = new SpringApplicationBuilder(McpResourceApplication.class).run("--server.port=0",
                    "--nextcloud.url=" + nextcloud.baseUri(), "--nextcloud.username=" + LOGIN,
                    "--nextcloud.app-password=" + appPassword, "--spring.main.banner-mode=off");
            McpSyncClient mcp = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:"
                            + server.getEnvironment().getProperty("local.server.port")).endpoint("/mcp").build())
                    .requestTimeout(Duration.ofSeconds(30)).build();
            mcp.initialize();
            return new DavOverMcp(dav, nextcloud, appPassword, server, mcp);
        } catch (RuntimeException failed) {
            new DavOverMcp(dav, nextcloud, null, server, null).close();
            throw failed;
        }
    }

    public McpSyncClient mcp() {
        return mcp;
    }

    public CallToolResult call(String tool, Map<String, Object> arguments) {
        return mcp.callTool(new CallToolRequest(tool, arguments));
    }

    /** The tool's structured result; fails the test when the tool reports an error. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> ok(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as(text(result)).isFalse();
        return (Map<String, Object>) result.structuredContent();
    }

    /** The tool's error text; fails the test when the tool succeeds or the error leaks a stack trace. */
    public String error(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as("expected an error from " + tool + ", got " + text(result)).isTrue();
        assertThat(text(result)).doesNotContain("Exception", "at org.", "Internal error");
        return text(result);
    }

    public static String text(CallToolResult result) {
        return result.content().stream().filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text()).findFirst().orElse("");
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Map<String, Object> result, String key) {
        return (List<Map<String, Object>>) result.get(key);
    }

    /** A DAV request as alice, as another client (a phone, Thunderbird) would send it, past the tools. */
    public HttpResponse<String> dav(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nextcloud.baseUri() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (LOGIN + ":" + appPassword).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Each step even if an earlier one fails: a DAV server left running outlives the build. */
    @Override
    public void close() {
        try {
            if (mcp != null) {
                mcp.closeGracefully();
            }
        } finally {
            try {
                if (server != null) {
                    server.close();
                }
                if (nextcloud != null) {
                    nextcloud.close();
                }
            } finally {
                if (dav != null) {
                    dav.close();
                }
            }
        }
    }
}
