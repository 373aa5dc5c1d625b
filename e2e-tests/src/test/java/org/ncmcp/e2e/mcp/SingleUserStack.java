package org.ncmcp.e2e.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
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
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.e2e.simulator.dav.DavBackend;

/**
 * The stack the "over MCP" suites share: the Nextcloud simulator (optionally in front of a real DAV server), alice
 * (user id {@code alice}, with the login name the suite chooses), mcp-resource in single-user mode as alice and a
 * real MCP client; plus the helpers the suites call tools with. Suites add what else they need (bob, files, boards)
 * through {@link #nextcloud()}. Closing stops everything it started and the DAV server it was given.
 */
public final class SingleUserStack implements AutoCloseable {

    /** Alice's user id; the login name may differ (see {@link #start(String, DavBackend)}). */
    public static final String USER = "alice";
    /** A login name unlike the user id, as with Nextcloud's e-mail login: homes must come from DAV discovery. */
    public static final String EMAIL_LOGIN = "alice@example.com";

    private final DavBackend dav;
    private final NextcloudSimulator nextcloud;
    private final String login;
    private final String appPassword;
    private final McpResourceFixture server;
    private final McpSyncClient mcp;

    private SingleUserStack(DavBackend dav, NextcloudSimulator nextcloud, String login, String appPassword,
            McpResourceFixture server, McpSyncClient mcp) {
        this.dav = dav;
        this.nextcloud = nextcloud;
        this.login = login;
        this.appPassword = appPassword;
        this.server = server;
        this.mcp = mcp;
    }

    /** The simulator on its own (its apps, its in-memory files) with alice signing in as {@code login}. */
    public static SingleUserStack start(String login) {
        return start(login, null);
    }

    /**
     * Everything in front of {@code dav} (none when null); a login name other than {@link #USER} makes the client
     * find alice's homes by discovery. If a step fails, what was started is stopped again (dav too).
     */
    public static SingleUserStack start(String login, DavBackend dav) {
        NextcloudSimulator nextcloud = null;
        McpResourceFixture server = null;
        try {
            nextcloud = NextcloudSimulator.start(SimulatorOptions.defaults());
            if (dav != null) {
                nextcloud.attachDav(dav);
            }
            nextcloud.state().addUser(USER, login, "Alice", "login-secret");
            String appPassword = nextcloud.state().issueAppPassword(USER);
            server = new McpResourceFixture(nextcloud.baseUri().toString(), login, appPassword);
            return new SingleUserStack(dav, nextcloud, login, appPassword, server, server.newClient());
        } catch (RuntimeException failed) {
            new SingleUserStack(dav, nextcloud, login, null, server, null).close();
            throw failed;
        }
    }

    public NextcloudSimulator nextcloud() {
        return nextcloud;
    }

    public McpSyncClient mcp() {
        return mcp;
    }

    /** Alice's app password, as mcp-resource uses it. */
    public String appPassword() {
        return appPassword;
    }

    public CallToolResult call(String tool, Map<String, Object> arguments) {
        return mcp.callTool(new CallToolRequest(tool, arguments));
    }

    /** A call with the arguments as key, value, key, value, … (see {@link #args}). */
    public CallToolResult call(String tool, Object... keysAndValues) {
        return call(tool, args(keysAndValues));
    }

    /** The tool's structured result; fails the test when the tool reports an error. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> ok(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as(tool + ": " + text(result)).isFalse();
        return (Map<String, Object>) result.structuredContent();
    }

    public Map<String, Object> ok(String tool, Object... keysAndValues) {
        return ok(tool, args(keysAndValues));
    }

    /** The tool's error text; fails the test when the tool succeeds or the error leaks a stack trace. */
    public String error(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as("expected an error from " + tool + ", got " + text(result)).isTrue();
        assertThat(text(result)).doesNotContain("Exception", "at org.", "Internal error");
        return text(result);
    }

    public String error(String tool, Object... keysAndValues) {
        return error(tool, args(keysAndValues));
    }

    /** Tool arguments from key, value, key, value, …, in that order; values may be null (unlike Map.of). */
    public static Map<String, Object> args(Object... keysAndValues) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            arguments.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return arguments;
    }

    public static String text(CallToolResult result) {
        return result.content().stream().filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text()).findFirst().orElse("");
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Map<String, Object> result, String key) {
        return (List<Map<String, Object>>) result.get(key);
    }

    /** The numeric {@code id} of a created or listed item. */
    public static long id(Map<String, Object> item) {
        return ((Number) item.get("id")).longValue();
    }

    /** A request as alice, as another client (a phone, Thunderbird, the web UI) would send it, past the tools. */
    public HttpResponse<String> asAlice(String method, String path, String body, String... headers) throws Exception {
        return as(login, appPassword, method, path, body, headers);
    }

    /** A request to the simulator with HTTP Basic credentials, e.g. as another user setting something up. */
    public HttpResponse<String> as(String loginName, String password, String method, String path, String body,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nextcloud.baseUri() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (loginName + ":" + password).getBytes(StandardCharsets.UTF_8)))
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
