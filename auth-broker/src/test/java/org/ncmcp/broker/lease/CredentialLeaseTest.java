package org.ncmcp.broker.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.broker.BrokerTest;
import org.ncmcp.broker.Http;
import org.ncmcp.broker.SignedInTokens;
import org.ncmcp.broker.login.BrokerUsers;
import org.ncmcp.broker.provisioning.NextcloudCredentials;
import org.ncmcp.model.lease.LeaseProtocol;
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
 * The credential-lease API (issue 4 item 7) over HTTP: RFC 8693 token exchange at the token endpoint, the lease
 * client's authentication, the person's MCP token as subject token, and the scope checks (defence in depth).
 */
@BrokerTest
@TestPropertySource(properties = {"broker.lease-client.client-id=mcp-resource",
        "broker.lease-client.client-secret=lease-client-secret-0123456789abcdef", "broker.provisioning.lease-ttl=2m"})
class CredentialLeaseTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "lease-client-secret-0123456789abcdef";

    @LocalServerPort
    int port;
    @Autowired
    OAuth2AuthorizationService authorizations;
    @Autowired
    RegisteredClientRepository clients;
    @Autowired
    NextcloudCredentials credentials;
    @Autowired
    BrokerUsers users;
    @Autowired
    JdbcTemplate jdbc;

    SignedInTokens tokens;

    @BeforeEach
    void setUp() {
        tokens = new SignedInTokens(port, authorizations, clients);
    }

    private void provisioned(String subject, ProvisioningKind kind, String scopes) {
        users.recordLogin(new BrokerUsers.BrokerUser(subject, "http://idp", subject + "-nc", null, null, false),
                Instant.now());
        credentials.store(subject, kind, subject + "-nc", subject + "@login", kind == ProvisioningKind.LOGIN_FLOW_V2
                ? "app-password-of-" + subject : "refresh-of-" + subject, null, null, ScopeSet.parse(scopes), Instant.now());
    }

    private HttpResponse<String> lease(String clientSecret, String subjectToken, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", LeaseProtocol.GRANT_TYPE);
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", LeaseProtocol.SUBJECT_TOKEN_TYPE);
        form.put("requested_token_type", LeaseProtocol.REQUESTED_TOKEN_TYPE);
        if (scope != null) {
            form.put("scope", scope);
        }
        return new Http(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Authorization", basic("mcp-resource", clientSecret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(form))).build());
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("A provisioned person's lease: the app password, Basic with the login name, short expiry, the grant")
    void leaseForProvisionedPerson() {
        provisioned("alice-sub", ProvisioningKind.LOGIN_FLOW_V2, "notes:write calendar:read");
        String token = tokens.accessToken("alice-sub", Set.of("notes:write", "calendar:read"));
        HttpResponse<String> response = lease(SECRET, token, "notes:write");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("access_token").asString()).isEqualTo("app-password-of-alice-sub");
        assertThat(body.get("token_type").asString()).isEqualTo("N_A");
        assertThat(body.get("issued_token_type").asString()).isEqualTo(LeaseProtocol.REQUESTED_TOKEN_TYPE);
        assertThat(body.get("nextcloud_scheme").asString()).isEqualTo("Basic");
        assertThat(body.get("nextcloud_user").asString()).isEqualTo("alice-sub-nc");
        assertThat(body.get("nextcloud_login_name").asString()).isEqualTo("alice-sub@login");
        assertThat(body.get("expires_in").asLong()).isBetween(100L, 120L);
        assertThat(body.get("scope").asString()).isEqualTo("notes:write");
        assertThat(body.get("granted_scope").asString()).isEqualTo("notes:write calendar:read");
    }

    @Test
    @DisplayName("The vault holds ciphertext only: the app password is not in the database in clear")
    void secretEncryptedAtRest() {
        provisioned("vera-sub", ProvisioningKind.LOGIN_FLOW_V2, "notes:read");
        byte[] stored = jdbc.queryForObject("SELECT secret FROM nextcloud_credential WHERE subject = 'vera-sub'", byte[].class);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("app-password-of-vera-sub");
        assertThat(jdbc.queryForObject("SELECT secret_key_id FROM nextcloud_credential WHERE subject = 'vera-sub'",
                String.class)).isNotBlank();
    }

    @Test
    @DisplayName("Not provisioned: nextcloud_not_provisioned with the connect page as error_uri")
    void notProvisioned() {
        users.recordLogin(new BrokerUsers.BrokerUser("nina-sub", "http://idp", "nina", null, null, false), Instant.now());
        String token = tokens.accessToken("nina-sub", Set.of("notes:read"));
        HttpResponse<String> response = lease(SECRET, token, "notes:read");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asString()).isEqualTo(LeaseProtocol.ERROR_NOT_PROVISIONED);
        assertThat(body.get("error_uri").asString()).isEqualTo("http://127.0.0.1:9999/provision?scope=notes%3Aread");
    }

    @Test
    @DisplayName("A revoked credential leases nothing")
    void revokedCredential() {
        provisioned("rick-sub", ProvisioningKind.LOGIN_FLOW_V2, "notes:read");
        credentials.markRevoked("rick-sub", "Nextcloud answered 401", Instant.now());
        HttpResponse<String> response = lease(SECRET, tokens.accessToken("rick-sub", Set.of("notes:read")), "notes:read");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(LeaseProtocol.ERROR_NOT_PROVISIONED).contains("revoked");
    }

    @Test
    @DisplayName("Defence in depth: a scope outside the person's grant, or outside the token, is refused")
    void scopeChecks() {
        provisioned("sam-sub", ProvisioningKind.LOGIN_FLOW_V2, "notes:read");
        String token = tokens.accessToken("sam-sub", Set.of("notes:write", "calendar:read"));
        HttpResponse<String> outsideGrant = lease(SECRET, token, "notes:write");
        assertThat(outsideGrant.statusCode()).isEqualTo(400);
        assertThat(outsideGrant.body()).contains("invalid_scope").contains("allows only notes:read");
        HttpResponse<String> outsideToken = lease(SECRET, token, "files:read");
        assertThat(outsideToken.statusCode()).isEqualTo(400);
        assertThat(outsideToken.body()).contains("invalid_scope").contains("does not grant files:read");
        assertThat(lease(SECRET, token, "notes:read").statusCode()).isEqualTo(200);
        HttpResponse<String> unknown = lease(SECRET, token, "notes:admin");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("invalid_scope");
        assertThat(lease(SECRET, token, null).body()).contains("invalid_request").contains("scope");
    }

    @Test
    @DisplayName("A bearer-token kind cannot reach the Notes API: the error names the kind needed")
    void kindCannotReach() {
        provisioned("tess-sub", ProvisioningKind.OAUTH_REFRESH, "notes:read files:read");
        HttpResponse<String> response = lease(SECRET, tokens.accessToken("tess-sub", Set.of("notes:read")), "notes:read");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(LeaseProtocol.ERROR_KIND_CANNOT_REACH).contains("login-flow-v2");
    }

    @Test
    @DisplayName("Only the lease client with its secret may ask; an invalid or revoked subject token is invalid_grant")
    void authentication() {
        provisioned("uma-sub", ProvisioningKind.LOGIN_FLOW_V2, "notes:read");
        String token = tokens.accessToken("uma-sub", Set.of("notes:read"));
        assertThat(lease("wrong-secret", token, "notes:read").statusCode()).isEqualTo(401);
        HttpResponse<String> garbage = lease(SECRET, "not-a-jwt", "notes:read");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("invalid_grant");
        // the authorization behind the token is revoked (consent withdrawn): no more leases
        jdbc.update("UPDATE oauth2_authorization SET access_token_metadata = ? WHERE principal_name = 'uma-sub'",
                "{\"@class\":\"java.util.Collections$UnmodifiableMap\",\"metadata.token.invalidated\":true}");
        assertThat(lease(SECRET, token, "notes:read").body()).contains("invalid_grant");
    }

    @Test
    @DisplayName("The status endpoint: the lease client only; provisioned with kind and grant, never a secret")
    void statusEndpoint() {
        provisioned("zoe-sub", ProvisioningKind.LOGIN_FLOW_V2, "notes:read");
        String token = tokens.accessToken("zoe-sub", Set.of("notes:read"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/internal/v1/provisioning/status"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("subject_token=" + token));
        HttpResponse<String> anonymous = new Http(port).send(request.build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> response = new Http(port).send(request.header("Authorization", basic("mcp-resource", SECRET))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asString()).isEqualTo("provisioned");
        assertThat(body.get("provisioning_kind").asString()).isEqualTo("login-flow-v2");
        assertThat(body.get("granted_scope").asString()).isEqualTo("notes:read");
        assertThat(body.get("provisioning_uri").asString()).isEqualTo("http://127.0.0.1:9999/provision");
        assertThat(response.body()).doesNotContain("app-password-of-zoe-sub");
        jdbc.update("DELETE FROM nextcloud_credential WHERE subject = 'zoe-sub'");
        HttpResponse<String> after = new Http(port).send(request.build());
        assertThat(JSON.readTree(after.body()).get("status").asString()).isEqualTo("not_initiated");
    }

    @Test
    @DisplayName("30 concurrent leases (more than the connection pool) all succeed: token lookups share a connection")
    void concurrentLeasesDoNotExhaustThePool() throws Exception {
        provisioned("paul-sub", ProvisioningKind.LOGIN_FLOW_V2, "notes:read");
        String token = tokens.accessToken("paul-sub", Set.of("notes:read"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(30);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                answers.add(pool.submit(() -> lease(SECRET, token, "notes:read").statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertThat(answer.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("The lease client's SHA-256 secret is never re-hashed with bcrypt after a successful check")
    void machineSecretIsNotUpgraded() {
        org.springframework.security.crypto.password.PasswordEncoder encoder = LeaseClientRepository.passwordEncoder();
        String stored = clients.findByClientId("mcp-resource").getClientSecret();
        assertThat(stored).startsWith("{sha256}");
        assertThat(encoder.matches(SECRET, stored)).isTrue();
        assertThat(encoder.matches("wrong", stored)).isFalse();
        assertThat(encoder.upgradeEncoding(stored)).isFalse();
        assertThat(encoder.upgradeEncoding("{noop}plain")).isTrue();
    }
}
