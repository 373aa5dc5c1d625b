package org.ncmcp.e2e.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.oauth.HeadlessSignIn;
import org.ncmcp.e2e.oauth.McpOAuthClient;
import org.ncmcp.e2e.stock.Chromium;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 4 end to end: people connect their own Nextcloud account in a real browser (Chromium) through Login Flow
 * v2 at the simulated Nextcloud, then their assistant works with their data only. Two broker replicas on one
 * PostgreSQL and two mcp-resource replicas, each behind a round-robin proxy, serve everybody.
 */
class ProvisioningEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String REDIRECT = "http://127.0.0.1:33418/callback";
    private static final AtomicInteger IDS = new AtomicInteger(100);

    static MultiUserStack stack;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void start() {
        Chromium.missing().ifPresent(reason -> System.out.println("SKIPPED ProvisioningEndToEndTest: " + reason));
        Assumptions.assumeTrue(Chromium.missing().isEmpty(), "Debian's chromium is not installed");
        // short leases so that revocation visibly reaches every replica within the test
        stack = new MultiUserStack(2, 2, Map.of("broker.provisioning.lease-ttl", "5s"),
                Map.of("mcp.auth.lease.renew-before", "2s", "mcp.auth.lease.grant-ttl", "1s"));
        stack.simulator.state().addUser("carol", "carol", "Carol C.", "carol-login-password");
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    static String accessToken(String user, String scope) {
        McpOAuthClient client = new McpOAuthClient(stack.issuer(), REDIRECT);
        client.register("Provisioning test client");
        return client.signIn(new HeadlessSignIn(user, user + "-login-password"), scope, stack.resourceUri)
                .get("access_token").asString();
    }

    /** A tools/call over plain HTTP; {@code urlElicitation} declares the capability the 2026-07-28 way (_meta). */
    static HttpResponse<String> call(String token, String tool, String arguments, boolean urlElicitation) throws Exception {
        String meta = urlElicitation
                ? ",\"_meta\":{\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{\"url\":{}}}}" : "";
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + IDS.incrementAndGet() + ",\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + meta + "}}";
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.resourceUri))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode result(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.has("result")).as(response.body()).isTrue();
        return body.get("result");
    }

    /**
     * A person signs in at the broker in one browser window and approves at Nextcloud (as {@code nextcloudUser}) in
     * another, as Login Flow v2 has it; returns the broker landing page once the attempt has ended.
     */
    static Page connectInBrowser(String brokerUser, String nextcloudUser, String provisioningUrl) {
        BrowserContext broker = browser.newContext();
        Page page = broker.newPage();
        page.setDefaultTimeout(30_000);
        page.navigate(provisioningUrl);
        page.waitForSelector("#user");
        page.fill("#user", brokerUser);
        page.fill("#password", brokerUser + "-login-password");
        page.click("#submit-form");
        page.waitForSelector("#connect-form");
        page.click("#connect");
        page.waitForSelector("#pending");
        String nextcloudLogin = page.getAttribute("#open-nextcloud", "href");
        try (BrowserContext nextcloud = browser.newContext()) {
            Page approval = nextcloud.newPage();
            approval.setDefaultTimeout(30_000);
            approval.navigate(nextcloudLogin);
            approval.waitForSelector("#user");
            approval.fill("#user", nextcloudUser);
            approval.fill("#password", nextcloudUser + "-login-password");
            approval.click("#submit-form");
            approval.click("#submit-grant");
            assertThat(approval.textContent("h1")).isEqualTo("Account connected");
        }
        // the landing page reloads itself every few seconds until the broker has collected the app password
        page.waitForSelector("#completed, #failed, #ended", new Page.WaitForSelectorOptions().setTimeout(30_000));
        return page;
    }

    @Test
    @DisplayName("alice and bob connect through Login Flow v2 in the browser; each assistant sees only its own notes")
    void twoPeopleConnectAndSeeOnlyTheirOwnData() throws Exception {
        String alice = accessToken("alice", "notes:read notes:write");
        String bob = accessToken("bob", "notes:read notes:write");

        // before connecting: -32042 for a client that declared URL elicitation...
        JsonNode elicitation = JSON.readTree(call(alice, "nc_notes_search_notes", "{\"query\":\"plan\"}", true).body());
        assertThat(elicitation.path("error").path("code").asInt()).as(elicitation.toString()).isEqualTo(-32042);
        JsonNode request = elicitation.path("error").path("data").path("elicitations").get(0);
        assertThat(request.path("mode").asString()).isEqualTo("url");
        assertThat(request.path("elicitationId").asString()).isNotBlank();
        String provisioningUrl = request.path("url").asString();
        assertThat(provisioningUrl).startsWith(stack.issuer() + "/provision?scope=");
        // ...and a tool result with the same URL for one that did not
        JsonNode fallback = result(call(alice, "nc_notes_search_notes", "{\"query\":\"plan\"}", false));
        assertThat(fallback.path("isError").asBoolean()).isTrue();
        assertThat(fallback.path("structuredContent").path("status").asString()).isEqualTo("login_required");
        assertThat(fallback.path("structuredContent").path("provisioning_url").asString()).isEqualTo(provisioningUrl);

        Page aliceLanding = connectInBrowser("alice", "alice", provisioningUrl);
        assertThat(aliceLanding.textContent("#nextcloud-user")).isEqualTo("alice");
        JsonNode bobAsks = result(call(bob, "nc_auth_provision_access", "{}", false));
        assertThat(bobAsks.path("structuredContent").path("status").asString()).isEqualTo("login_required");
        Page bobLanding = connectInBrowser("bob", "bob", bobAsks.path("structuredContent").path("provisioningUrl").asString());
        assertThat(bobLanding.textContent("#nextcloud-user")).isEqualTo("bob");

        JsonNode created = result(call(alice, "nc_notes_create_note",
                "{\"title\":\"Alice's launch plan\",\"content\":\"only for alice\"}", false));
        assertThat(created.path("isError").asBoolean()).as(created.toString()).isFalse();
        assertThat(stack.simulator.state().filesUnder("alice", "Notes")).anyMatch(f -> f.path().contains("launch plan"));
        JsonNode aliceSearch = result(call(alice, "nc_notes_search_notes", "{\"query\":\"launch plan\"}", false));
        assertThat(aliceSearch.toString()).contains("Alice's launch plan");
        JsonNode bobSearch = result(call(bob, "nc_notes_search_notes", "{\"query\":\"launch plan\"}", false));
        assertThat(bobSearch.path("isError").asBoolean()).isFalse();
        assertThat(bobSearch.toString()).doesNotContain("Alice's launch plan");

        JsonNode status = result(call(alice, "nc_auth_check_status", "{}", false)).path("structuredContent");
        assertThat(status.path("status").asString()).isEqualTo("provisioned");
        assertThat(status.path("kind").asString()).isEqualTo("login-flow-v2");
        assertThat(status.path("nextcloudUser").asString()).isEqualTo("alice");
        // both replicas of each service took part
        assertThat(stack.resourceProxy.servedCounts()).doesNotContain(0);
        assertThat(stack.proxy.servedCounts()).doesNotContain(0);
    }

    @Test
    @DisplayName("Identity mismatch: carol approves with bob's Nextcloud account; refused, and the app password deleted")
    void identityMismatchIsRefused() throws Exception {
        String carol = accessToken("carol", "notes:read");
        long bobsAppPasswords = stack.simulator.state().appPasswordCount("bob");
        JsonNode asks = result(call(carol, "nc_auth_provision_access", "{\"scopes\":[\"notes:read\"]}", false));
        Page landing = connectInBrowser("carol", "bob",
                asks.path("structuredContent").path("provisioningUrl").asString());
        assertThat(landing.isVisible("#failed")).isTrue();
        assertThat(landing.textContent("#detail")).contains("'bob'", "'carol'", "deleted");
        assertThat(stack.simulator.state().appPasswordCount("bob")).isEqualTo(bobsAppPasswords);
        JsonNode status = result(call(carol, "nc_auth_check_status", "{}", false)).path("structuredContent");
        assertThat(status.path("status").asString()).isEqualTo("error");
        assertThat(status.path("message").asString()).contains("'bob'");
        JsonNode search = result(call(carol, "nc_notes_search_notes", "{\"query\":\"x\"}", false));
        assertThat(search.path("structuredContent").path("status").asString()).isEqualTo("login_required");
    }
}
