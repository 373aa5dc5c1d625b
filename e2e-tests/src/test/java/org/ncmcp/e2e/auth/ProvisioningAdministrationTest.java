package org.ncmcp.e2e.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.keycloak.KeycloakLoginPage;
import org.ncmcp.e2e.keycloak.KeycloakServer;
import org.ncmcp.e2e.stock.Chromium;
import org.ncmcp.resource.credentials.lease.LeaseCache;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4 with the real IdP: people sign in at Keycloak (carol is an administrator through her Keycloak realm role),
 * connect Nextcloud through Login Flow v2 in Chromium, and the administrator narrows scopes, rotates the vault key
 * and revokes access through the broker's REST API — each taking effect at mcp-resource.
 */
class ProvisioningAdministrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String K1 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String K2 = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    static MultiUserStack stack;
    static Playwright playwright;
    static Browser browser;
    static ProvisioningJourney journey;

    @BeforeAll
    static void start() {
        Chromium.missing().ifPresent(reason -> System.out.println("SKIPPED ProvisioningAdministrationTest: " + reason));
        Assumptions.assumeTrue(Chromium.missing().isEmpty(), "Debian's chromium is not installed");
        KeycloakServer keycloak = KeycloakServer.get();
        Map<String, String> broker = new LinkedHashMap<>();
        broker.put("broker.upstream.issuer-uri", keycloak.issuer());
        broker.put("broker.upstream.client-id", "mcp-broker");
        broker.put("broker.upstream.client-secret", "mcp-broker-secret");
        broker.put("broker.admin.claim", "roles");
        broker.put("broker.admin.values", "nextcloud-mcp-admin");
        broker.put("broker.vault.keys.k1", K1);
        broker.put("broker.vault.active-key", "k1");
        broker.put("broker.provisioning.lease-ttl", "4s");
        stack = new MultiUserStack(2, 1, broker, Map.of("mcp.auth.lease.renew-before", "1s",
                "mcp.auth.lease.grant-ttl", "1s"));
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
        journey = new ProvisioningJourney(stack, browser,
                (page, user) -> KeycloakLoginPage.signIn(page, user, user + "-password"), user -> user + "-password");
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

    private static HttpResponse<String> api(String method, String token, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.issuer() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String subjectOf(String adminToken, String nextcloudUser) throws Exception {
        HttpResponse<String> users = api("GET", adminToken, "/api/v1/users?size=100", null);
        assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
        for (JsonNode user : ProvisioningJourney.JSON.readTree(users.body()).path("items")) {
            if (nextcloudUser.equals(user.path("nextcloudUser").asString())) {
                return user.path("subject").asString();
            }
        }
        throw new AssertionError("no broker user for " + nextcloudUser + " in " + users.body());
    }

    private static List<String> vaultKeyIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection db = stack.postgres.getPostgresDatabase().getConnection();
             ResultSet rows = db.createStatement().executeQuery("SELECT secret_key_id FROM nextcloud_credential")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    @Test
    @DisplayName("Keycloak sign-in, Login Flow v2 in Chromium; the admin narrows alice to notes:read (403 on create),"
            + " rotates the vault key (service keeps working), then revokes her access (-32042 on the next call)")
    void administratorNarrowsRotatesAndRevokes() throws Exception {
        String alice = journey.accessTokenInBrowser("alice", "notes:read notes:write", null);
        JsonNode first = ProvisioningJourney.result(journey.call(alice, "nc_notes_search_notes", "{\"query\":\"x\"}", false));
        String url = first.path("structuredContent").path("provisioning_url").asString();
        Page landing = journey.connectInBrowser("alice", "alice", url);
        assertThat(landing.textContent("#nextcloud-user")).isEqualTo("alice");
        JsonNode created = ProvisioningJourney.result(journey.call(alice, "nc_notes_create_note",
                "{\"title\":\"Quarterly numbers\",\"content\":\"draft\"}", false));
        assertThat(created.path("isError").asBoolean()).as(created.toString()).isFalse();

        // alice is no administrator; carol is (Keycloak realm role nextcloud-mcp-admin)
        String aliceApi = journey.accessTokenInBrowser("alice", "notes:read", stack.issuer() + "/api");
        assertThat(api("GET", aliceApi, "/api/v1/users", null).statusCode()).isEqualTo(403);
        String carolApi = journey.accessTokenInBrowser("carol", "notes:read", stack.issuer() + "/api");
        String aliceSubject = subjectOf(carolApi, "alice");

        // narrowing: alice's next create is a 403 step-up challenge (grant ∩ token), listing hides write tools
        HttpResponse<String> narrowed = api("PATCH", carolApi, "/api/v1/users/" + aliceSubject + "/scopes",
                "{\"scopes\":[\"notes:read\"]}");
        assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> create = journey.call(alice, "nc_notes_create_note", "{\"title\":\"t\",\"content\":\"c\"}",
                    false);
            assertThat(create.statusCode()).isEqualTo(403);
            assertThat(create.headers().firstValue("WWW-Authenticate").orElse("")).contains("insufficient_scope");
        });
        List<String> listed = new ArrayList<>();
        ProvisioningJourney.JSON.readTree(journey.post(alice, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                .body()).path("result").path("tools").forEach(tool -> listed.add(tool.path("name").asString()));
        assertThat(listed).contains("nc_notes_search_notes").doesNotContain("nc_notes_create_note");

        // vault key rotation: add k2 and make it active, re-encrypt, then drop k1; alice's reads keep working
        assertThat(vaultKeyIds()).containsOnly("k1");
        stack.restartBrokers(Map.of("broker.vault.keys.k2", K2, "broker.vault.active-key", "k2"));
        HttpResponse<String> reencrypted = api("POST", carolApi, "/api/v1/vault/re-encrypt", null);
        assertThat(reencrypted.statusCode()).as(reencrypted.body()).isEqualTo(200);
        assertThat(vaultKeyIds()).containsOnly("k2");
        Map<String, String> onlyK2 = new LinkedHashMap<>();
        onlyK2.put("broker.vault.keys.k1", null);
        stack.restartBrokers(onlyK2);
        LeaseCache leases = stack.resources.get(0).getBean(LeaseCache.class);
        long missesBefore = leases.misses();
        // a fresh lease (after the cached one expired) is decrypted under k2 alone
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode search = ProvisioningJourney.result(journey.call(alice, "nc_notes_search_notes",
                    "{\"query\":\"Quarterly\"}", false));
            assertThat(search.path("isError").asBoolean()).as(search.toString()).isFalse();
            assertThat(search.toString()).contains("Quarterly numbers");
            assertThat(leases.misses()).isGreaterThan(missesBefore);
        });

        // revocation: the app password is deleted at Nextcloud and the next call leads alice to connect again
        HttpResponse<String> revoked = api("DELETE", carolApi, "/api/v1/users/" + aliceSubject + "/access", null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
        assertThat(stack.simulator.state().appPasswordCount("alice")).isZero();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode answer = ProvisioningJourney.JSON.readTree(journey.call(alice, "nc_notes_search_notes",
                    "{\"query\":\"x\"}", true).body());
            assertThat(answer.path("error").path("code").asInt()).as(answer.toString()).isEqualTo(-32042);
        });
        HttpResponse<String> audit = api("GET", carolApi, "/api/v1/audit?user=" + aliceSubject + "&size=100", null);
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        assertThat(audit.body()).contains("provisioned", "access-revoked").doesNotContain("alice-login-password");
    }
}
