package org.ncmcp.broker.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.broker.BrokerTest;
import org.ncmcp.broker.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refresh-token rotation for public clients (spec-checklist §5, AS-09, RFC 9700 §4.14): each test starts
 * from a signed-in authorization planted through the authorization service (the sign-in itself is
 * covered end to end in e2e-tests) and then uses only the token endpoint over HTTP.
 */
@BrokerTest
@TestPropertySource(properties = "broker.refresh-grace=60s")
class RefreshTokenRotationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RESOURCE = "http://127.0.0.1:8080/mcp";

    @LocalServerPort
    int port;
    @Autowired
    OAuth2AuthorizationService authorizations;
    @Autowired
    RegisteredClientRepository clients;
    @Autowired
    JdbcTemplate jdbc;

    RegisteredClient client;

    @BeforeEach
    void registerPublicClient() {
        HttpResponse<String> created = new Http(port).postJson("/oauth2/register", """
                {"client_name":"Refresher","redirect_uris":["http://127.0.0.1:33418/cb"],
                 "grant_types":["authorization_code","refresh_token"],"token_endpoint_auth_method":"none"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        client = clients.findByClientId(JSON.readTree(created.body()).get("client_id").asString());
    }

    /** A sign-in of {@code subject} that granted {@code scopes}, holding the returned refresh token. */
    private String signedIn(String subject, Set<String> scopes) {
        return new org.ncmcp.broker.SignedInTokens(port, authorizations, clients).signIn(client, subject, scopes);
    }

    private HttpResponse<String> refresh(String token, String scope) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", token);
        form.put("client_id", client.getClientId());
        if (scope != null) {
            form.put("scope", scope);
        }
        return new Http(port).postForm("/oauth2/token", form);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    @DisplayName("AS-09: a public client's refresh rotates the token; the access token is an at+jwt bound to the resource")
    void rotates() throws Exception {
        String first = signedIn("alice-sub", Set.of("notes:read", "notes:write"));
        JsonNode response = ok(refresh(first, null));
        String second = response.get("refresh_token").asString();
        assertThat(second).isNotBlank().isNotEqualTo(first);
        SignedJWT jwt = SignedJWT.parse(response.get("access_token").asString());
        assertThat(jwt.getHeader().getType().toString()).isEqualTo("at+jwt");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(RESOURCE);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice-sub");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(client.getClientId());
        assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
        assertThat(ok(refresh(second, null)).get("refresh_token").asString()).isNotEqualTo(second);
    }

    @Test
    @DisplayName("§5 (4): a refresh without scope keeps the originally granted scope; a narrower one narrows")
    void scopePreserved() throws Exception {
        String token = signedIn("bob-sub", Set.of("notes:read", "calendar:read"));
        JsonNode kept = ok(refresh(token, null));
        assertThat(Set.of(kept.get("scope").asString().split(" "))).containsExactlyInAnyOrder("notes:read", "calendar:read");
        assertThat(SignedJWT.parse(kept.get("access_token").asString()).getJWTClaimsSet().getStringClaim("scope"))
                .isEqualTo("calendar:read notes:read");
        JsonNode narrowed = ok(refresh(kept.get("refresh_token").asString(), "notes:read"));
        assertThat(narrowed.get("scope").asString()).isEqualTo("notes:read");
        HttpResponse<String> wider = refresh(narrowed.get("refresh_token").asString(), "notes:write");
        assertThat(wider.statusCode()).isEqualTo(400);
        assertThat(wider.body()).contains("invalid_scope");
    }

    @Test
    @DisplayName("§5 (2): replaying a token before its successor was used, within grace, returns that same successor")
    void graceReturnsSameSuccessor() {
        String first = signedIn("carol-sub", Set.of("notes:read"));
        JsonNode original = ok(refresh(first, null));
        JsonNode retry = ok(refresh(first, null));
        assertThat(retry.get("refresh_token").asString()).isEqualTo(original.get("refresh_token").asString());
        assertThat(retry.get("access_token").asString()).isEqualTo(original.get("access_token").asString());
        // the successor still works: no fork, no revocation
        ok(refresh(original.get("refresh_token").asString(), null));
    }

    @Test
    @DisplayName("§5 (1) / RFC 9700 4.14.2: replaying a token whose successor was used revokes the family and is audited")
    void reuseRevokesFamily() {
        String first = signedIn("dave-sub", Set.of("notes:read"));
        String second = ok(refresh(first, null)).get("refresh_token").asString();
        String third = ok(refresh(second, null)).get("refresh_token").asString();

        HttpResponse<String> replay = refresh(first, null);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("invalid_grant", "revoked");
        // the newest token of the family is dead too
        HttpResponse<String> newest = refresh(third, null);
        assertThat(newest.statusCode()).isEqualTo(400);
        assertThat(newest.body()).contains("invalid_grant");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE event_type = 'refresh_token_reuse'"
                + " AND subject = 'dave-sub' AND outcome = 'family_revoked'", Integer.class)).isEqualTo(1);
    }

    @Test
    @DisplayName("§5 (3): 50 concurrent refreshes with one token yield exactly one successor")
    void concurrentRefreshesShareOneSuccessor() throws Exception {
        String token = signedIn("erin-sub", Set.of("notes:read"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> refresh(token, null));
            }
            Set<String> successors = new HashSet<>();
            for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
                successors.add(ok(result.get()).get("refresh_token").asString());
            }
            assertThat(successors).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM refresh_token_use", Integer.class)).isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName("RS-14 / §6: the database holds only hashes of refresh and access tokens")
    void storedHashed() {
        String token = signedIn("frank-sub", Set.of("notes:read"));
        JsonNode response = ok(refresh(token, null));
        String dump = String.join("\n", jdbc.query("SELECT * FROM oauth2_authorization", (rs, i) -> {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                row.append(rs.getString(c)).append('|');
            }
            return row.toString();
        }));
        assertThat(dump).doesNotContain(token, response.get("refresh_token").asString(),
                response.get("access_token").asString()).contains("sha256:");
    }

    @Test
    @DisplayName("RFC 7009: a public client revokes its refresh token with its client_id; the token is dead after")
    void publicClientRevokes() {
        String token = signedIn("hank-sub", Set.of("notes:read"));
        HttpResponse<String> revoked = new Http(port).postForm("/oauth2/revoke", Map.of("token", token,
                "token_type_hint", "refresh_token", "client_id", client.getClientId()));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        HttpResponse<String> after = refresh(token, null);
        assertThat(after.statusCode()).isEqualTo(400);
        assertThat(after.body()).contains("invalid_grant");
    }

    @Test
    @DisplayName("A refresh token works only for the client it was issued to")
    void boundToClient() {
        String token = signedIn("gina-sub", Set.of("notes:read"));
        RegisteredClient mine = client;
        registerPublicClient(); // another client
        HttpResponse<String> stolen = refresh(token, null);
        assertThat(stolen.statusCode()).isEqualTo(400);
        assertThat(stolen.body()).contains("invalid_grant");
        client = mine;
        ok(refresh(token, null));
    }
}
