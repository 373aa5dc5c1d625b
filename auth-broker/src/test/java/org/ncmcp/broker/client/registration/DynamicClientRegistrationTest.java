package org.ncmcp.broker.client.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.broker.BrokerTest;
import org.ncmcp.broker.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BrokerTest
@TestPropertySource(properties = {"broker.registration.max-per-window=6", "broker.registration.window=1h"})
class DynamicClientRegistrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UnusedRegistrationCleanup cleanup;
    @Autowired
    org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository clients;

    private HttpResponse<String> register(String redirectUri, String extra) {
        return new Http(port).postJson("/oauth2/register", """
                {"client_name":"Test client","redirect_uris":["%s"],"grant_types":["authorization_code","refresh_token"],
                 "response_types":["code"],"token_endpoint_auth_method":"none","scope":"notes:read"%s}"""
                .formatted(redirectUri, extra));
    }

    @Test
    @DisplayName("AS-04 DCR: registrations are limited per client IP (429 with Retry-After), loopback/https only,"
            + " and unused ones expire")
    void registrationRules() {
        // 1. a public client with a loopback redirect (any of the three loopback spellings) is registered
        HttpResponse<String> created = register("http://localhost:6274/oauth/callback", ",\"application_type\":\"native\"");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode client = JSON.readTree(created.body());
        assertThat(client.get("client_id").asString()).hasSizeGreaterThan(30).doesNotStartWith("http"); // RFC 9700 2.6
        assertThat(client.get("token_endpoint_auth_method").asString()).isEqualTo("none");
        assertThat(client.has("client_secret")).isFalse();
        assertThat(register("https://app.example.test/callback", "").statusCode()).isEqualTo(201);

        // 2. rejected: plain http off loopback, fragments, unknown grants, bad application_type
        HttpResponse<String> http = register("http://evil.example.test/callback", "");
        assertThat(http.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(http.body()).get("error").asString()).isEqualTo("invalid_redirect_uri");
        assertThat(JSON.readTree(http.body()).get("error_description").asString()).contains("https", "loopback");
        assertThat(register("https://app.example.test/cb#frag", "").statusCode()).isEqualTo(400);
        HttpResponse<String> implicit = new Http(port).postJson("/oauth2/register", """
                {"redirect_uris":["https://app.example.test/cb"],"grant_types":["implicit"]}""");
        assertThat(implicit.statusCode()).isEqualTo(400);
        assertThat(implicit.body()).contains("invalid_client_metadata", "implicit");
        assertThat(register("https://app.example.test/cb", ",\"application_type\":\"robot\"").statusCode()).isEqualTo(400);

        // 3. six attempts so far from 127.0.0.1: the seventh is over the limit
        HttpResponse<String> limited = register("http://127.0.0.1:1234/cb", "");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
        assertThat(JSON.readTree(limited.body()).get("error_description").asString()).contains("Retry-After");

        // 4. expiry: registrations never used are deleted, used ones are kept
        String used = client.get("client_id").asString();
        jdbc.update("UPDATE client_registration SET first_used_at = now() WHERE registered_client_id ="
                + " (SELECT id FROM oauth2_registered_client WHERE client_id = ?)", used);
        int deleted = cleanup.purgeRegisteredBefore(Instant.now().plusSeconds(1));
        assertThat(deleted).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT client_id FROM oauth2_registered_client WHERE id IN"
                + " (SELECT registered_client_id FROM client_registration)", String.class)).containsExactly(used);
    }

    @Test
    @DisplayName("Housekeeping: expired authorizations and the refresh history of vanished families are deleted")
    void housekeeping() {
        clients.save(org.springframework.security.oauth2.server.authorization.client.RegisteredClient.withId("c")
                .clientId("housekeeping-client").clientName("Housekeeping")
                .clientAuthenticationMethod(org.springframework.security.oauth2.core.ClientAuthenticationMethod.NONE)
                .authorizationGrantType(org.springframework.security.oauth2.core.AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1:1/cb").build());
        jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,"
                + " refresh_token_value, refresh_token_expires_at) VALUES ('old', 'c', 'p', 'authorization_code',"
                + " 'sha256:x', now() - interval '1 hour')");
        jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,"
                + " refresh_token_value, refresh_token_expires_at) VALUES ('live', 'c', 'p', 'authorization_code',"
                + " 'sha256:y', now() + interval '1 hour')");
        jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,"
                + " refresh_token_value, refresh_token_expires_at) VALUES ('cimd-live',"
                + " 'cimd:https://app.example.test/client.json', 'p', 'authorization_code', 'sha256:z', now() + interval '1 hour')");
        String hash = "a".repeat(64);
        jdbc.update("INSERT INTO refresh_token_use (token_hash, authorization_id, successor_hash, used_at,"
                + " successor_response) VALUES (?, 'old', ?, now(), ?)", hash, "b".repeat(64), new byte[] {1});
        jdbc.update("INSERT INTO refresh_token_use (token_hash, authorization_id, successor_hash, used_at,"
                + " successor_response) VALUES (?, 'live', ?, now(), ?)", "c".repeat(64), "d".repeat(64), new byte[] {1});
        cleanup.purge();
        assertThat(jdbc.queryForList("SELECT id FROM oauth2_authorization WHERE id IN ('old', 'live', 'cimd-live')",
                String.class)).containsExactlyInAnyOrder("live", "cimd-live");
        assertThat(jdbc.queryForList("SELECT authorization_id FROM refresh_token_use", String.class)).containsExactly("live");
    }
}
