package org.ncmcp.resource.apps.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
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
import java.io.IOException;
import java.io.OutputStream;
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

/**
 * In multi-user mode the Cookbook tools are guarded by their scopes before dispatch: a {@code cookbook:read} token
 * gets the HTTP 403 step-up challenge on a write tool and sees only the read tools in {@code tools/list}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mcp.auth.resource-uri=" + CookbookToolScopeTest.RESOURCE)
class CookbookToolScopeTest {

    static final String RESOURCE = "https://mcp.example.com/mcp";
    private static final RSAKey KEY = newKey();
    /** Publishes the signing key as the broker's JWKS; Nextcloud is never reached (port 9 is discard). */
    private static final HttpServer ISSUER = jwksServer();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void multiUserMode(DynamicPropertyRegistry registry) {
        registry.add("mcp.auth.issuer", CookbookToolScopeTest::issuer);
        registry.add("nextcloud.url", () -> "http://127.0.0.1:9");
    }

    @AfterAll
    static void stop() {
        ISSUER.stop(0);
    }

    @Test
    void aCookbookReadTokenGetsTheStepUpChallengeOnAWriteTool() throws Exception {
        HttpResponse<String> response = post(token("cookbook:read"), "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"nc_cookbook_create_recipe\",\"arguments\":{\"name\":\"Soup\"}}}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer error=\"insufficient_scope\"").contains("scope=\"cookbook:read cookbook:write\"");
        assertThat(response.body()).contains("nc_cookbook_create_recipe", "cookbook:write");
    }

    @Test
    void aCookbookReadTokenListsOnlyTheReadTools() throws Exception {
        String token = token("cookbook:read");
        HttpResponse<String> init = post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        assertThat(init.statusCode()).isEqualTo(200);
        HttpResponse<String> list = post(token, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("nc_cookbook_list_recipes", "nc_cookbook_get_recipe", "nc_cookbook_find_by_keywords")
                .doesNotContain("nc_cookbook_create_recipe", "nc_cookbook_delete_recipe", "nc_cookbook_reindex",
                        "nc_cookbook_import_recipe", "nc_deck_list_boards");
    }

    private HttpResponse<String> post(String token, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String scope) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject("upstream-1").audience(List.of(RESOURCE))
                .claim("scope", scope).claim("client_id", "test-client").jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nc_user", "alice").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), claims);
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
    }

    private static String issuer() {
        return "http://127.0.0.1:" + ISSUER.getAddress().getPort();
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("cookbook-test").generate();
        } catch (JOSEException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static HttpServer jwksServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
            return server;
        } catch (IOException failed) {
            throw new IllegalStateException(failed);
        }
    }

}
