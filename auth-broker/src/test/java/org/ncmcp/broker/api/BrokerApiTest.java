package org.ncmcp.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ncmcp.broker.BrokerTest;
import org.ncmcp.broker.Http;
import org.ncmcp.broker.client.metadata.LoopbackServer;
import org.ncmcp.broker.login.BrokerUsers;
import org.ncmcp.broker.provisioning.NextcloudCredentials;
import org.ncmcp.broker.token.SigningKeys;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.scope.Scope;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin and self-service REST API over HTTP, with real tokens from the broker's token endpoint, the embedded
 * PostgreSQL, and a loopback HTTP server standing in for Nextcloud's app-password endpoint (to see the revocation
 * arrive there with the stored app password).
 */
@BrokerTest
class BrokerApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LoopbackServer NEXTCLOUD;
    private static final List<String> DELETED_APP_PASSWORDS = new CopyOnWriteArrayList<>();

    static {
        try {
            NEXTCLOUD = LoopbackServer.http().route("/ocs/v2.php/core/apppassword", exchange -> {
                if ("DELETE".equals(exchange.getRequestMethod())) {
                    DELETED_APP_PASSWORDS.add(exchange.getRequestHeaders().getFirst("Authorization"));
                }
                LoopbackServer.respond(exchange, 200, "application/json", "{\"ocs\":{\"meta\":{\"status\":\"ok\"},\"data\":[]}}");
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void nextcloud(DynamicPropertyRegistry registry) {
        registry.add("broker.nextcloud.url", () -> NEXTCLOUD.url(""));
    }

    @AfterAll
    static void stopNextcloud() {
        NEXTCLOUD.close();
    }

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
    SigningKeys signingKeys;

    /** One registered client for the whole class: registrations are rate-limited per address. */
    static ApiTokens tokens;
    String alice;
    String bob;
    String admin;

    @BeforeEach
    void people() {
        if (tokens == null) {
            tokens = new ApiTokens(port, authorizations, clients);
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        alice = "alice-" + run;
        bob = "bob-" + run;
        admin = "admin-" + run;
        ApiTokens.signedIn(users, alice, "alice", false);
        ApiTokens.signedIn(users, bob, "bob", false);
        ApiTokens.signedIn(users, admin, "root", true);
    }

    private void connected(String subject, String nextcloudUser, String appPassword, String scopes) {
        credentials.store(subject, ProvisioningKind.LOGIN_FLOW_V2, nextcloudUser, nextcloudUser, appPassword, null, null,
                ScopeSet.parse(scopes), Instant.now());
    }

    private HttpResponse<String> call(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return new Http(port).send(request.build());
    }

    private HttpResponse<String> get(String path, String token) {
        return call("GET", path, token, null);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        return JSON.readTree(response.body());
    }

    /** An RFC 9457 problem with this status, no stack trace and no class names. */
    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("trace");
        return body;
    }

    @Nested
    @DisplayName("Authentication")
    class Authentication {

        @Test
        @DisplayName("No token: 401 problem with a Bearer challenge")
        void missingToken() {
            HttpResponse<String> response = get("/api/v1/users/me/access", null);
            JsonNode body = problem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
            assertThat(body.get("detail").asString()).contains(ApiTokens.API_RESOURCE);
        }

        @Test
        @DisplayName("A token the broker issued for mcp-resource is refused here (aud is not the API)")
        void mcpTokenRefused() {
            HttpResponse<String> response = get("/api/v1/users/me/access", tokens.forMcp(alice));
            problem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
        }

        @Test
        @DisplayName("The API token names only the API resource, and works")
        void apiTokenAccepted() throws Exception {
            String token = tokens.forApi(alice);
            assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).containsExactly(ApiTokens.API_RESOURCE);
            ok(get("/api/v1/users/me/access", token));
        }

        @Test
        @DisplayName("RFC 8707: the authorization endpoint accepts the API as a resource; an unknown one stays invalid_target")
        void apiIsAResource() {
            String authorize = "/oauth2/authorize?response_type=code&client_id=" + tokens.clientId()
                    + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A33418%2Fcb&scope=profile&state=s1"
                    + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&resource=";
            HttpResponse<String> api = get(authorize + "http%3A%2F%2F127.0.0.1%3A9999%2Fapi", null);
            assertThat(api.statusCode()).isEqualTo(302);
            assertThat(api.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/upstream");
            HttpResponse<String> unknown = get(authorize + "http%3A%2F%2F127.0.0.1%3A9999%2Fadmin", null);
            assertThat(unknown.headers().firstValue("Location").orElseThrow()).contains("error=invalid_target");
        }

        @Test
        @DisplayName("Expired, foreign-issuer and foreign-key tokens are 401; a garbage token too")
        void badTokens() throws Exception {
            RSAKey brokerKey = signingKeys.activeKey();
            problem(get("/api/v1/scopes", sign(brokerKey, claims(alice).expirationTime(Date.from(Instant.now()
                    .minusSeconds(120))).issueTime(Date.from(Instant.now().minusSeconds(600))).build())), 401);
            problem(get("/api/v1/scopes", sign(brokerKey, claims(alice).issuer("http://evil.example.test").build())), 401);
            RSAKey stranger = new RSAKeyGenerator(2048).keyID(brokerKey.getKeyID()).generate();
            problem(get("/api/v1/scopes", sign(stranger, claims(alice).build())), 401);
            problem(get("/api/v1/scopes", "not-a-jwt"), 401);
            // the same claims signed by the broker's key pass: the failures above are the checks, not the minting
            ok(get("/api/v1/scopes", sign(brokerKey, claims(alice).build())));
        }

        private JWTClaimsSet.Builder claims(String subject) {
            Instant now = Instant.now();
            return new JWTClaimsSet.Builder().subject(subject).issuer("http://127.0.0.1:9999")
                    .audience(ApiTokens.API_RESOURCE).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                    .jwtID(UUID.randomUUID().toString()).claim("client_id", "test-client").claim("scope", "profile");
        }

        private String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(new com.nimbusds.jose.JOSEObjectType("at+jwt")).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }

        @Test
        @DisplayName("An unknown path under /api is a 404 problem, a method an endpoint does not take a 405 problem")
        void unknownPath() {
            problem(get("/api/v1/nothing-here", tokens.forApi(alice)), 404);
            HttpResponse<String> wrongMethod = call("POST", "/api/v1/scopes", tokens.forApi(alice), "{}");
            problem(wrongMethod, 405);
            assertThat(wrongMethod.headers().firstValue("Allow").orElseThrow()).contains("GET");
        }
    }

    @Nested
    @DisplayName("GET /api/v1/scopes")
    class Scopes {

        @Test
        @DisplayName("lists the whole catalogue with descriptions and what write scopes imply")
        void catalogue() {
            JsonNode scopes = ok(get("/api/v1/scopes", tokens.forApi(alice)));
            assertThat(scopes.size()).isEqualTo(Scope.catalogue().size());
            List<String> values = new ArrayList<>();
            scopes.forEach(scope -> values.add(scope.get("scope").asString()));
            assertThat(values).containsExactlyElementsOf(Scope.validValues());
            JsonNode notesWrite = scopes.get(values.indexOf("notes:write"));
            assertThat(notesWrite.get("description").asString()).isEqualTo("Read, create, change and delete your notes");
            assertThat(notesWrite.get("implies").get(0).asString()).isEqualTo("notes:read");
            assertThat(notesWrite.get("access").asString()).isEqualTo("write");
        }
    }

    @Nested
    @DisplayName("GET /api/v1/users/{id}/access")
    class ReadAccess {

        @Test
        @DisplayName("shows the caller's own connection (by subject and as 'me') and never the secret")
        void own() {
            connected(alice, "alice", "app-password-of-alice", "notes:write calendar:read");
            String token = tokens.forApi(alice);
            for (String id : List.of("me", alice)) {
                HttpResponse<String> response = get("/api/v1/users/" + id + "/access", token);
                JsonNode access = ok(response);
                assertThat(access.get("subject").asString()).isEqualTo(alice);
                assertThat(access.get("provisioned").asBoolean()).isTrue();
                assertThat(access.get("status").asString()).isEqualTo("provisioned");
                assertThat(access.get("kind").asString()).isEqualTo("login-flow-v2");
                assertThat(access.get("nextcloudUser").asString()).isEqualTo("alice");
                assertThat(access.get("scopes").toString()).isEqualTo("[\"notes:write\",\"calendar:read\"]");
                assertThat(Instant.parse(access.get("createdAt").asString())).isBefore(Instant.now().plusSeconds(1));
                assertThat(access.get("updatedAt").asString()).isNotBlank();
                assertThat(access.get("revoked").asBoolean()).isFalse();
                assertThat(response.body()).doesNotContain("app-password-of-alice").doesNotContainIgnoringCase("secret")
                        .doesNotContain("keyId");
            }
        }

        @Test
        @DisplayName("someone who never connected is not_initiated, with no kind and no scopes")
        void notConnected() {
            JsonNode access = ok(get("/api/v1/users/me/access", tokens.forApi(bob)));
            assertThat(access.get("provisioned").asBoolean()).isFalse();
            assertThat(access.get("status").asString()).isEqualTo("not_initiated");
            assertThat(access.get("kind").isNull()).isTrue();
            assertThat(access.get("scopes").size()).isZero();
            assertThat(access.get("nextcloudUser").asString()).isEqualTo("bob");
        }

        @Test
        @DisplayName("another person's record is 403 for a user, readable for an admin; an unknown person is 404")
        void othersAndAdmins() {
            connected(bob, "bob", "bobs-app-password", "notes:read");
            JsonNode refused = problem(get("/api/v1/users/" + bob + "/access", tokens.forApi(alice)), 403);
            assertThat(refused.get("detail").asString()).contains("only your own");
            JsonNode seen = ok(get("/api/v1/users/" + bob + "/access", tokens.forApi(admin)));
            assertThat(seen.get("nextcloudUser").asString()).isEqualTo("bob");
            JsonNode unknown = problem(get("/api/v1/users/nobody-" + UUID.randomUUID() + "/access", tokens.forApi(admin)), 404);
            assertThat(unknown.get("detail").asString()).contains("has signed in");
        }
    }

    @Nested
    @DisplayName("PATCH /api/v1/users/{id}/scopes")
    class ChangeScopes {

        @Test
        @DisplayName("replaces the set: stored on the credential (the next lease uses it) and audited")
        void replace() {
            connected(alice, "alice", "pw-a", "notes:write calendar:write");
            JsonNode changed = ok(call("PATCH", "/api/v1/users/me/scopes", tokens.forApi(alice),
                    "{\"scopes\":[\"notes:read\"]}"));
            assertThat(changed.get("scopes").toString()).isEqualTo("[\"notes:read\"]");
            assertThat(credentials.find(alice).orElseThrow().scopes()).isEqualTo(ScopeSet.parse("notes:read"));
            assertThat(jdbc.queryForList("SELECT detail FROM audit_event WHERE subject = ? AND event_type = 'scopes-changed'",
                    String.class, alice)).containsExactly("from notes:write calendar:write to notes:read by the user");
        }

        @Test
        @DisplayName("adds and removes; an admin may change someone else's and is named in the audit")
        void addAndRemove() {
            connected(bob, "bob", "pw-b", "notes:read calendar:read");
            JsonNode changed = ok(call("PATCH", "/api/v1/users/" + bob + "/scopes", tokens.forApi(admin),
                    "{\"add\":[\"files:write\"],\"remove\":[\"calendar:read\"]}"));
            assertThat(changed.get("scopes").toString()).isEqualTo("[\"notes:read\",\"files:write\"]");
            assertThat(credentials.find(bob).orElseThrow().scopes()).isEqualTo(ScopeSet.parse("notes:read files:write"));
            assertThat(jdbc.queryForObject("SELECT detail FROM audit_event WHERE subject = ? AND event_type = 'scopes-changed'",
                    String.class, bob)).endsWith("by admin " + admin);
        }

        @Test
        @DisplayName("bad input is a 400 that says what is wrong, and changes nothing")
        void badInput() {
            connected(alice, "alice", "pw-a", "notes:write");
            String token = tokens.forApi(alice);
            assertThat(problem(call("PATCH", "/api/v1/users/me/scopes", token, "{\"scopes\":[]}"), 400)
                    .get("detail").asString()).contains("At least one scope must remain");
            assertThat(problem(call("PATCH", "/api/v1/users/me/scopes", token, "{\"remove\":[\"notes:write\"]}"), 400)
                    .get("detail").asString()).contains("At least one scope must remain");
            JsonNode unknown = problem(call("PATCH", "/api/v1/users/me/scopes", token,
                    "{\"scopes\":[\"notes:read\",\"mail:read\"]}"), 400);
            assertThat(unknown.get("detail").asString()).contains("'mail:read'").contains("notes:read");
            assertThat(unknown.get("unknownScopes").toString()).isEqualTo("[\"mail:read\"]");
            assertThat(problem(call("PATCH", "/api/v1/users/me/scopes", token,
                    "{\"scopes\":[\"notes:read\"],\"add\":[\"files:read\"]}"), 400).get("detail").asString())
                    .contains("not both");
            assertThat(problem(call("PATCH", "/api/v1/users/me/scopes", token, "{}"), 400).get("detail").asString())
                    .contains("'scopes'");
            assertThat(problem(call("PATCH", "/api/v1/users/me/scopes", token, "{\"add\":[\"notes:read\"],"
                    + "\"remove\":[\"notes:read\"]}"), 400).get("detail").asString()).contains("implies");
            assertThat(problem(call("PATCH", "/api/v1/users/me/scopes", token, "{\"scopes\": [\"notes:read\""), 400)
                    .get("detail").asString()).contains("not valid JSON");
            assertThat(credentials.find(alice).orElseThrow().scopes()).isEqualTo(ScopeSet.parse("notes:write"));
        }

        @Test
        @DisplayName("without a connection there is nothing to change: 409; another person's scopes: 403")
        void notConnectedOrNotOwn() {
            problem(call("PATCH", "/api/v1/users/me/scopes", tokens.forApi(bob), "{\"scopes\":[\"notes:read\"]}"), 409);
            connected(bob, "bob", "pw-b", "notes:write");
            problem(call("PATCH", "/api/v1/users/" + bob + "/scopes", tokens.forApi(alice),
                    "{\"scopes\":[\"notes:read\"]}"), 403);
            assertThat(credentials.find(bob).orElseThrow().scopes()).isEqualTo(ScopeSet.parse("notes:write"));
        }
    }

    @Nested
    @DisplayName("DELETE /api/v1/users/{id}/access")
    class Revoke {

        @Test
        @DisplayName("deletes the credential, deletes the app password at Nextcloud, audits; a second time is 404")
        void revokesOwn() {
            String appPassword = "app-pw-" + UUID.randomUUID();
            connected(alice, "alice", appPassword, "notes:read");
            String token = tokens.forApi(alice);
            HttpResponse<String> deleted = call("DELETE", "/api/v1/users/me/access", token, null);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
            assertThat(credentials.find(alice)).isEmpty();
            assertThat(DELETED_APP_PASSWORDS).contains("Basic " + Base64.getEncoder().encodeToString(
                    ("alice:" + appPassword).getBytes(StandardCharsets.UTF_8)));
            assertThat(jdbc.queryForObject("SELECT detail FROM audit_event WHERE subject = ? AND event_type = 'access-revoked'",
                    String.class, alice)).contains("by the user");
            assertThat(ok(get("/api/v1/users/me/access", token)).get("provisioned").asBoolean()).isFalse();
            problem(call("DELETE", "/api/v1/users/me/access", token, null), 404);
        }

        @Test
        @DisplayName("another person's access: 403 for a user (nothing deleted), 204 for an admin")
        void othersAccess() {
            connected(bob, "bob", "pw-" + UUID.randomUUID(), "notes:read");
            problem(call("DELETE", "/api/v1/users/" + bob + "/access", tokens.forApi(alice), null), 403);
            assertThat(credentials.find(bob)).isPresent();
            assertThat(call("DELETE", "/api/v1/users/" + bob + "/access", tokens.forApi(admin), null).statusCode())
                    .isEqualTo(204);
            assertThat(credentials.find(bob)).isEmpty();
        }
    }

    @Nested
    @DisplayName("GET /api/v1/users (admins)")
    class Users {

        @Test
        @DisplayName("pages through everyone in a stable order, with their access summary")
        void paged() {
            connected(alice, "alice", "pw", "notes:read");
            String token = tokens.forApi(admin);
            long total = ok(get("/api/v1/users?size=1", token)).get("totalItems").asLong();
            assertThat(total).isGreaterThanOrEqualTo(3);
            List<String> seen = new ArrayList<>();
            for (int page = 0; page * 2 < total; page++) {
                JsonNode result = ok(get("/api/v1/users?page=" + page + "&size=2", token));
                assertThat(result.get("size").asInt()).isEqualTo(2);
                assertThat(result.get("page").asInt()).isEqualTo(page);
                assertThat(result.get("totalPages").asLong()).isEqualTo((total + 1) / 2);
                assertThat(result.get("items").size()).isLessThanOrEqualTo(2);
                result.get("items").forEach(item -> seen.add(item.get("subject").asString()));
            }
            assertThat(seen).hasSize((int) total).doesNotHaveDuplicates().contains(alice, bob, admin);
            JsonNode all = ok(get("/api/v1/users?size=100", token)).get("items");
            JsonNode aliceRow = null;
            for (JsonNode item : all) {
                if (item.get("subject").asString().equals(alice)) {
                    aliceRow = item;
                }
            }
            assertThat(aliceRow).isNotNull();
            assertThat(aliceRow.get("provisioned").asBoolean()).isTrue();
            assertThat(aliceRow.get("scopes").asString()).isEqualTo("notes:read");
            assertThat(aliceRow.get("admin").asBoolean()).isFalse();
            assertThat(all.toString()).doesNotContain("\"pw\"");
        }

        @Test
        @DisplayName("page and size outside the limits are 400s; users who are not admins get 403")
        void limitsAndRights() {
            String token = tokens.forApi(admin);
            assertThat(problem(get("/api/v1/users?size=0", token), 400).get("detail").asString()).contains("'size'");
            assertThat(problem(get("/api/v1/users?size=101", token), 400).get("detail").asString()).contains("100");
            assertThat(problem(get("/api/v1/users?page=-1", token), 400).get("detail").asString()).contains("'page'");
            problem(get("/api/v1/users?page=abc", token), 400);
            assertThat(ok(get("/api/v1/users", token)).get("size").asInt()).isEqualTo(20);
            assertThat(problem(get("/api/v1/users", tokens.forApi(alice)), 403).get("detail").asString())
                    .contains("administrators");
        }
    }

    @Nested
    @DisplayName("GET /api/v1/audit (admins)")
    class Audit {

        @Test
        @DisplayName("filters by person and by time, newest first, paged")
        void filters() {
            jdbc.update("INSERT INTO audit_event (occurred_at, event_type, subject, outcome, detail) VALUES"
                    + " ('2030-01-01T10:00:00Z', 'test-early', ?, 'success', 'one'),"
                    + " ('2030-01-01T11:00:00Z', 'test-middle', ?, 'success', 'two'),"
                    + " ('2030-01-01T12:00:00Z', 'test-late', ?, 'success', 'three'),"
                    + " ('2030-01-01T11:30:00Z', 'test-other', ?, 'success', 'bob''s')", alice, alice, alice, bob);
            String token = tokens.forApi(admin);
            JsonNode all = ok(get("/api/v1/audit?user=" + alice, token));
            assertThat(types(all)).containsExactly("test-late", "test-middle", "test-early");
            assertThat(all.get("totalItems").asLong()).isEqualTo(3);
            JsonNode window = ok(get("/api/v1/audit?user=" + alice + "&from=2030-01-01T10:30:00Z&to=2030-01-01T12:00:00Z",
                    token));
            assertThat(types(window)).containsExactly("test-middle");
            JsonNode everyone = ok(get("/api/v1/audit?from=2030-01-01T11:00:00Z&to=2030-01-01T12:00:01Z", token));
            assertThat(types(everyone)).containsExactly("test-late", "test-other", "test-middle");
            JsonNode second = ok(get("/api/v1/audit?user=" + alice + "&page=1&size=2", token));
            assertThat(types(second)).containsExactly("test-early");
            assertThat(second.get("totalPages").asLong()).isEqualTo(2);
            JsonNode event = all.get("items").get(0);
            assertThat(Instant.parse(event.get("occurredAt").asString())).isEqualTo(Instant.parse("2030-01-01T12:00:00Z"));
            assertThat(event.get("subject").asString()).isEqualTo(alice);
            assertThat(event.get("detail").asString()).isEqualTo("three");
        }

        @Test
        @DisplayName("a malformed or reversed time range is a 400 naming the parameter; users get 403")
        void badRanges() {
            String token = tokens.forApi(admin);
            assertThat(problem(get("/api/v1/audit?from=yesterday", token), 400).get("detail").asString())
                    .contains("'from'").contains("ISO-8601");
            assertThat(problem(get("/api/v1/audit?to=2030-13-01T00:00:00Z", token), 400).get("detail").asString())
                    .contains("'to'");
            assertThat(problem(get("/api/v1/audit?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", token), 400)
                    .get("detail").asString()).contains("must be before");
            problem(get("/api/v1/audit", tokens.forApi(alice)), 403);
        }

        private List<String> types(JsonNode page) {
            List<String> types = new ArrayList<>();
            page.get("items").forEach(item -> types.add(item.get("eventType").asString()));
            return types;
        }
    }

    @Nested
    @DisplayName("OpenAPI and Swagger UI")
    class Documentation {

        @Test
        @DisplayName("the OpenAPI document lists every endpoint with the bearer scheme, without a token")
        void openApi() {
            JsonNode document = ok(get("/api/v1/openapi.json", null));
            assertThat(document.get("openapi").asString()).startsWith("3.");
            JsonNode paths = document.get("paths");
            Map<String, List<String>> expected = Map.of(
                    "/api/v1/scopes", List.of("get"),
                    "/api/v1/users/{id}/access", List.of("get", "delete"),
                    "/api/v1/users/{id}/scopes", List.of("patch"),
                    "/api/v1/users", List.of("get"),
                    "/api/v1/audit", List.of("get"),
                    "/api/v1/vault/re-encrypt", List.of("post"));
            List<String> documented = new ArrayList<>();
            paths.propertyNames().forEach(documented::add);
            assertThat(documented).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((path, methods) -> methods.forEach(method -> {
                JsonNode operation = paths.get(path).get(method);
                assertThat(operation).as(method + " " + path).isNotNull();
                assertThat(operation.get("responses").has("401")).as(method + " " + path + " documents 401").isTrue();
                assertThat(operation.get("responses").get("403").get("content").has("application/problem+json")).isTrue();
            }));
            assertThat(paths.get("/api/v1/users/{id}/scopes").get("patch").get("responses").has("400")).isTrue();
            assertThat(paths.get("/api/v1/users/{id}/access").get("get").get("responses").has("404")).isTrue();
            assertThat(paths.get("/api/v1/scopes").get("get").get("responses").get("200").get("content")
                    .has("application/json")).isTrue();
            JsonNode scheme = document.get("components").get("securitySchemes").get(OpenApiConfiguration.BEARER);
            assertThat(scheme.get("type").asString()).isEqualTo("http");
            assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
            assertThat(document.get("security").get(0).has(OpenApiConfiguration.BEARER)).isTrue();
        }

        @Test
        @DisplayName("Swagger UI is served by the broker")
        void swaggerUi() {
            HttpResponse<String> entry = get("/api/v1/docs", null);
            String location = entry.statusCode() == 302 ? entry.headers().firstValue("Location").orElseThrow()
                    : "/api/v1/docs";
            HttpResponse<String> page = get(URI.create(location).getPath(), null);
            assertThat(page.statusCode()).as(location + ": " + page.body()).isEqualTo(200);
            assertThat(page.body()).contains("swagger-ui");
        }
    }
}
