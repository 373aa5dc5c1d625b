package org.ncmcp.resource.apps.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * In multi-user mode the scope filter takes the tasks tools' scopes from the catalogue: a {@code todo:read}
 * token lists the read tools only and gets the 403 step-up challenge on a write tool, before anything reaches
 * Nextcloud.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mcp.auth.resource-uri=" + TasksScopeTest.RESOURCE, "nextcloud.url=http://127.0.0.1:9"})
class TasksScopeTest {

    static final String RESOURCE = "https://mcp.example.com/mcp";
    private static final RSAKey KEY = newKey();
    private static final HttpServer JWKS = jwks();

    @DynamicPropertySource
    static void multiUserMode(DynamicPropertyRegistry registry) {
        registry.add("mcp.auth.issuer", TasksScopeTest::issuer);
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void todoReadTokenGetsTheStepUpChallengeOnAWriteTool() throws Exception {
        HttpResponse<String> response = post(token("todo:read"), "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"nc_tasks_create_task\",\"arguments\":{\"title\":\"x\","
                + "\"priority\":1}}}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer error=\"insufficient_scope\"").contains("scope=\"todo:read todo:write\"");
    }

    @Test
    void todoReadTokenListsOnlyTheReadTools() throws Exception {
        String body = post(token("todo:read"), "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}").body();
        List<String> names = JsonMapper.builder().build().readTree(body).path("result").path("tools").valueStream()
                .map(tool -> tool.path("name").asString()).toList();
        assertThat(names).contains("nc_tasks_list_tasks", "nc_tasks_search_tasks")
                .doesNotContain("nc_tasks_create_task", "nc_tasks_update_task", "nc_tasks_delete_task",
                        "nc_calendar_list_events", "nc_calendar_create_event");
    }

    private HttpResponse<String> post(String token, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A token shaped as the auth-broker issues them (RFC 9068 at+jwt). */
    private static String token(String scope) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject("upstream-1")
                .audience(List.of(RESOURCE)).claim("scope", scope).claim("client_id", "test-client")
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).claim("nc_user", "alice").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), claims);
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
    }

    private static String issuer() {
        return "http://127.0.0.1:" + JWKS.getAddress().getPort();
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("tasks-test").generate();
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static HttpServer jwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/oauth2/jwks", exchange -> {
                byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }
}
