package org.ncmcp.e2e.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.stock.Chromium;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4 end to end: people connect their own Nextcloud account in a real browser (Chromium) through Login Flow
 * v2 at the simulated Nextcloud, then their assistant works with their data only. Two broker replicas on one
 * PostgreSQL and two mcp-resource replicas, each behind a round-robin proxy, serve everybody.
 */
class ProvisioningEndToEndTest {


    static MultiUserStack stack;
    static Playwright playwright;
    static Browser browser;
    static ProvisioningJourney journey;

    @BeforeAll
    static void start() {
        Chromium.missing().ifPresent(reason -> System.out.println("SKIPPED ProvisioningEndToEndTest: " + reason));
        Assumptions.assumeTrue(Chromium.missing().isEmpty(), "Debian's chromium is not installed");
        // short leases so that revocation visibly reaches every replica within the test
        stack = new MultiUserStack(2, 2, Map.of("broker.provisioning.lease-ttl", "5s"),
                Map.of("mcp.auth.lease.renew-before", "2s", "mcp.auth.lease.grant-ttl", "1s"));
        stack.simulator.state().addUser("carol", "carol", "Carol C.", "carol-login-password");
        stack.simulator.state().addUser("dave", "dave", "Dave D.", "dave-login-password");
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
        journey = new ProvisioningJourney(stack, browser, ProvisioningJourney::simulatorSignIn,
                user -> user + "-login-password");
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
        return journey.accessToken(user, scope, null);
    }

    static HttpResponse<String> call(String token, String tool, String arguments, boolean urlElicitation)
            throws Exception {
        return journey.call(token, tool, arguments, urlElicitation);
    }

    static JsonNode result(HttpResponse<String> response) {
        return ProvisioningJourney.result(response);
    }

    static Page connectInBrowser(String brokerUser, String nextcloudUser, String provisioningUrl) {
        return journey.connectInBrowser(brokerUser, nextcloudUser, provisioningUrl);
    }

    @Test
    @DisplayName("alice and bob connect through Login Flow v2 in the browser; each assistant sees only its own notes")
    void twoPeopleConnectAndSeeOnlyTheirOwnData() throws Exception {
        String alice = accessToken("alice", "notes:read notes:write");
        String bob = accessToken("bob", "notes:read notes:write");

        // before connecting: -32042 for a client that declared URL elicitation...
        JsonNode elicitation = ProvisioningJourney.JSON.readTree(call(alice, "nc_notes_search_notes", "{\"query\":\"plan\"}", true).body());
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

    @Test
    @DisplayName("nc_auth_update_scopes: unchanged, never empty; narrowing goes through Login Flow v2 again and the old"
            + " app password is deleted once the new one works")
    void updatingScopesReplacesTheCredential() throws Exception {
        String dave = accessToken("dave", "notes:read notes:write");
        JsonNode asks = result(call(dave, "nc_auth_provision_access", "{}", false)).path("structuredContent");
        connectInBrowser("dave", "dave", asks.path("provisioningUrl").asString());
        assertThat(stack.simulator.state().appPasswordCount("dave")).isEqualTo(1);

        JsonNode unchanged = result(call(dave, "nc_auth_update_scopes", "{\"remove_scopes\":[\"calendar:read\"]}", false));
        assertThat(unchanged.path("structuredContent").path("status").asString()).isEqualTo("unchanged");
        JsonNode empty = result(call(dave, "nc_auth_update_scopes",
                "{\"remove_scopes\":[\"notes:read\",\"notes:write\"]}", false));
        assertThat(empty.path("structuredContent").path("status").asString()).isEqualTo("error");
        assertThat(empty.path("structuredContent").path("message").asString()).contains("cannot remove every scope");
        JsonNode unknown = result(call(dave, "nc_auth_update_scopes", "{\"add_scopes\":[\"notes:admin\"]}", false));
        assertThat(unknown.path("isError").asBoolean()).isTrue();
        assertThat(unknown.toString()).contains("notes:admin");

        JsonNode narrow = result(call(dave, "nc_auth_update_scopes", "{\"remove_scopes\":[\"notes:write\"]}", false))
                .path("structuredContent");
        assertThat(narrow.path("status").asString()).isEqualTo("login_required");
        String url = narrow.path("provisioningUrl").asString();
        assertThat(url).contains("scope=notes%3Aread").contains("replace=true");
        // the old credential keeps working meanwhile
        assertThat(result(call(dave, "nc_notes_create_note", "{\"title\":\"Before\",\"content\":\"x\"}", false))
                .path("isError").asBoolean()).isFalse();

        Page landing = connectInBrowser("dave", "dave", url);
        assertThat(landing.textContent("#completed")).contains("notes:read").doesNotContain("notes:write");
        // one app password: the new one; the replaced one was deleted at Nextcloud
        assertThat(stack.simulator.state().appPasswordCount("dave")).isEqualTo(1);
        JsonNode status = result(call(dave, "nc_auth_check_status", "{}", false)).path("structuredContent");
        assertThat(status.path("grantedScopes").toString()).isEqualTo("[\"notes:read\"]");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(call(dave, "nc_notes_create_note", "{\"title\":\"After\",\"content\":\"x\"}", false)
                        .statusCode()).isEqualTo(403));
        assertThat(result(call(dave, "nc_notes_search_notes", "{\"query\":\"Before\"}", false)).toString())
                .contains("Before");
    }
}
