package org.ncmcp.broker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.broker.BrokerTest;
import org.ncmcp.broker.Http;
import org.ncmcp.broker.login.BrokerUsers;
import org.ncmcp.broker.provisioning.NextcloudCredentials;
import org.ncmcp.broker.provisioning.ProvisioningSession;
import org.ncmcp.broker.provisioning.ProvisioningSessions;
import org.ncmcp.broker.vault.Vault;
import org.ncmcp.broker.vault.VaultProperties;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Key rotation through {@code POST /api/v1/vault/re-encrypt}: the broker runs with two vault keys, {@code old} and
 * the active {@code new}; rows written while {@code old} was active move to {@code new}, still open, and then open
 * with a vault that no longer has {@code old} at all — what the broker does after the old key is removed.
 */
@BrokerTest
@TestPropertySource(properties = {
        "broker.vault.keys.old=" + VaultReEncryptTest.OLD_KEY,
        "broker.vault.keys.new=" + VaultReEncryptTest.NEW_KEY,
        "broker.vault.active-key=new"})
class VaultReEncryptTest {

    static final String OLD_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String NEW_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
    static final String LOST_KEY = "bG9zdGxvc3Rsb3N0bG9zdGxvc3Rsb3N0bG9zdGxvc3Q=";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    OAuth2AuthorizationService authorizations;
    @Autowired
    RegisteredClientRepository clients;
    @Autowired
    BrokerUsers users;
    @Autowired
    NextcloudCredentials credentials;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    /** The same table through a vault that has only {@code keys}: how a broker configured that way reads it. */
    private NextcloudCredentials through(Map<String, String> keys, String active) {
        return new NextcloudCredentials(jdbc, new Vault(new VaultProperties(keys, active), Path.of("target/unused")));
    }

    private Vault oldVault() {
        return new Vault(new VaultProperties(Map.of("old", OLD_KEY), "old"), Path.of("target/unused"));
    }

    private HttpResponse<String> reEncrypt(String token) {
        return new Http(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/vault/re-encrypt"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private String keyOf(String subject) {
        return jdbc.queryForObject("SELECT secret_key_id FROM nextcloud_credential WHERE subject = ?", String.class, subject);
    }

    @Test
    @DisplayName("re-seals every row under the active key; they still open, also once the old key is gone")
    void rotates() throws Exception {
        ApiTokens tokens = new ApiTokens(port, authorizations, clients);
        for (String subject : new String[] {"rot-alice", "rot-carol", "rot-dave", "rot-root", "rot-erin"}) {
            ApiTokens.signedIn(users, subject, subject.substring(4), subject.equals("rot-root"));
        }
        Instant now = Instant.now();
        NextcloudCredentials underOld = through(Map.of("old", OLD_KEY), "old");
        underOld.store("rot-alice", ProvisioningKind.LOGIN_FLOW_V2, "alice", "alice", "alice-app-password", null, null,
                ScopeSet.parse("notes:read"), now);
        underOld.store("rot-carol", ProvisioningKind.OAUTH_REFRESH, "carol", null, "carol-refresh-token",
                "carol-access-token", now.plusSeconds(300), ScopeSet.parse("files:read"), now);
        // sealed under a key this broker does not have: reported, left alone, the rest still moves
        through(Map.of("lost", LOST_KEY), "lost").store("rot-dave", ProvisioningKind.LOGIN_FLOW_V2, "dave", "dave",
                "dave-app-password", null, null, ScopeSet.parse("notes:read"), now);
        // written under the active key already: nothing to do
        credentials.store("rot-erin", ProvisioningKind.LOGIN_FLOW_V2, "erin", "erin", "erin-app-password", null, null,
                ScopeSet.parse("notes:read"), now);
        assertThat(keyOf("rot-alice")).isEqualTo("old");
        // connections under way: one still polling (poll token), one holding an app password not yet checked;
        // not due for a poll, so the broker's own poller leaves them alone during the test
        ProvisioningSessions sessionsUnderOld = new ProvisioningSessions(jdbc, oldVault());
        ProvisioningSession polling = sessionsUnderOld.create("rot-alice", ProvisioningKind.LOGIN_FLOW_V2,
                ScopeSet.parse("notes:write"), "http://nextcloud.invalid/login/v2/poll", "alice-poll-token",
                "http://nextcloud.invalid/login/v2/flow/x", null, null, now, now.plusSeconds(1200), now.plusSeconds(3600));
        ProvisioningSession received = sessionsUnderOld.create("rot-erin", ProvisioningKind.LOGIN_FLOW_V2,
                ScopeSet.parse("notes:write"), "http://nextcloud.invalid/login/v2/poll", "erin-poll-token",
                "http://nextcloud.invalid/login/v2/flow/y", null, null, now, now.plusSeconds(1200), now.plusSeconds(3600));
        sessionsUnderOld.recordReceived(received, "erin", "erin-new-app-password", now);

        HttpResponse<String> refused = reEncrypt(tokens.forApi("rot-alice"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(keyOf("rot-alice")).isEqualTo("old");

        HttpResponse<String> response = reEncrypt(tokens.forApi("rot-root"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.get("activeKey").asString()).isEqualTo("new");
        assertThat(result.get("examined").asInt()).isEqualTo(3);
        assertThat(result.get("resealed").asInt()).isEqualTo(2);
        assertThat(result.get("failed").toString()).isEqualTo("[\"rot-dave\"]");
        assertThat(result.get("remaining").asInt()).isEqualTo(1);
        assertThat(result.get("pendingSessions").asInt()).as("pending connections re-sealed too").isZero();
        assertThat(response.body()).doesNotContain("app-password").doesNotContain("refresh-token");

        assertThat(keyOf("rot-alice")).isEqualTo("new");
        assertThat(keyOf("rot-carol")).isEqualTo("new");
        assertThat(jdbc.queryForObject("SELECT access_token_key_id FROM nextcloud_credential WHERE subject = 'rot-carol'",
                String.class)).isEqualTo("new");
        assertThat(keyOf("rot-dave")).isEqualTo("lost");

        NextcloudCredentials withoutOld = through(Map.of("new", NEW_KEY), "new");
        assertThat(withoutOld.openSecret(withoutOld.find("rot-alice").orElseThrow())).isEqualTo("alice-app-password");
        assertThat(withoutOld.openSecret(withoutOld.find("rot-carol").orElseThrow())).isEqualTo("carol-refresh-token");
        assertThat(withoutOld.openAccessToken(withoutOld.find("rot-carol").orElseThrow())).isEqualTo("carol-access-token");
        assertThat(withoutOld.openSecret(withoutOld.find("rot-erin").orElseThrow())).isEqualTo("erin-app-password");
        // the old key alone no longer opens them: they really were re-sealed, not just relabelled
        assertThatThrownBy(() -> underOld.openSecret(underOld.find("rot-alice").orElseThrow()))
                .hasMessageContaining("'new' is not configured");
        ProvisioningSessions sessionsWithoutOld = new ProvisioningSessions(jdbc,
                new Vault(new VaultProperties(Map.of("new", NEW_KEY), "new"), Path.of("target/unused")));
        assertThat(sessionsWithoutOld.openPollToken(sessionsWithoutOld.find(polling.id()).orElseThrow()))
                .isEqualTo("alice-poll-token");
        assertThat(sessionsWithoutOld.openReceived(sessionsWithoutOld.find(received.id()).orElseThrow()))
                .isEqualTo("erin-new-app-password");
        assertThat(jdbc.queryForObject("SELECT received_key_id FROM provisioning_session WHERE id = ?", String.class,
                received.id())).isEqualTo("new");
        // what the broker runs on keeps working too
        assertThat(credentials.openSecret(credentials.find("rot-alice").orElseThrow())).isEqualTo("alice-app-password");
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_event WHERE event_type = 'vault-re-encrypted'"
                + " ORDER BY id DESC LIMIT 1", String.class)).contains("2 of 3").contains("rot-dave")
                .doesNotContain("password");

        JsonNode again = JSON.readTree(reEncrypt(tokens.forApi("rot-root")).body());
        assertThat(again.get("examined").asInt()).isEqualTo(1);
        assertThat(again.get("resealed").asInt()).isZero();
    }

    @Test
    @DisplayName("a row locked by a refresh on another replica is re-sealed only after that transaction ends")
    void waitsForTheRowLock() throws Exception {
        ApiTokens tokens = new ApiTokens(port, authorizations, clients);
        ApiTokens.signedIn(users, "lock-frank", "frank", false);
        ApiTokens.signedIn(users, "lock-root", "root", true);
        through(Map.of("old", OLD_KEY), "old").store("lock-frank", ProvisioningKind.LOGIN_FLOW_V2, "frank", "frank",
                "frank-app-password", null, null, ScopeSet.parse("notes:read"), Instant.now());
        String token = tokens.forApi("lock-root");
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement(
                    "SELECT subject FROM nextcloud_credential WHERE subject = 'lock-frank' FOR UPDATE")) {
                lock.executeQuery().close();
            }
            CompletableFuture<HttpResponse<String>> running = CompletableFuture.supplyAsync(() -> reEncrypt(token));
            // the broker's transaction is queued behind our lock in PostgreSQL
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'",
                    Integer.class) > 0);
            assertThat(running).isNotDone();
            assertThat(keyOf("lock-frank")).isEqualTo("old");
            other.commit();
            HttpResponse<String> response = running.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        assertThat(keyOf("lock-frank")).isEqualTo("new");
    }
}
