package org.ncmcp.resource.testsupport;

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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base for the apps' scope tests: mcp-resource in multi-user mode on a random port, trusting a local JWKS
 * that signs tokens shaped as the auth-broker issues them (RFC 9068 at+jwt). Each app's test only says which
 * scopes, tools and challenges it expects; the scope filter itself takes them from the shared catalogue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mcp.auth.resource-uri=" + MultiUserScopeTest.RESOURCE, "nextcloud.url=http://127.0.0.1:9"})
public abstract class MultiUserScopeTest {

    public static final String RESOURCE = "https://mcp.example.com/mcp";
    private static final String PROTOCOL_VERSION = "2025-06-18";
    private static final RSAKey KEY = newKey();
    /** One JWKS server for all scope tests of the JVM; it ends with the JVM. */
    private static final HttpServer JWKS = jwks();

    @DynamicPropertySource
    static void multiUserMode(DynamicPropertyRegistry registry) {
        registry.add("mcp.auth.issuer", MultiUserScopeTest::issuer);
    }

    @LocalServerPort
    protected int port;

    /** A JSON-RPC POST to /mcp with the given bearer token. */
    protected HttpResponse<String> post(String token, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", PROTOCOL_VERSION)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The MCP handshake a client sends first; the server is stateless, so it only has to succeed. */
    protected HttpResponse<String> initialize(String token) throws Exception {
        return post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"" + PROTOCOL_VERSION + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
    }

    /** A {@code tools/call} of {@code tool} with {@code arguments} (a JSON object). */
    protected HttpResponse<String> callTool(String token, String tool, String arguments) throws Exception {
        return post(token, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":" + arguments + "}}");
    }

    /** A {@code tools/list} with the given bearer token. */
    protected HttpResponse<String> listTools(String token) throws Exception {
        return post(token, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}");
    }

    /** {@code initialize} then {@code tools/list}, as a client does; both must succeed. */
    protected HttpResponse<String> initializeAndListTools(String token) throws Exception {
        assertThat(initialize(token).statusCode()).isEqualTo(200);
        HttpResponse<String> list = listTools(token);
        assertThat(list.statusCode()).isEqualTo(200);
        return list;
    }

    /** The tool names in a {@code tools/list} answer (names only: descriptions may mention other tools). */
    protected static List<String> toolNames(HttpResponse<String> toolsList) {
        return JsonMapper.builder().build().readTree(toolsList.body()).path("result").path("tools").valueStream()
                .map(tool -> tool.path("name").asString()).toList();
    }

    /**
     * The HTTP 403 step-up challenge (RFC 6750 §3.1, MCP authorization "scope challenge") that names every scope the
     * client should ask for, e.g. {@code "files:read files:write"}.
     */
    protected static void assertStepUpChallenge(HttpResponse<String> response, String scopes) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer error=\"insufficient_scope\"").contains("scope=\"" + scopes + "\"");
    }

    /** A valid broker-shaped access token carrying {@code scope}. */
    protected static String token(String scope) throws Exception {
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

    protected static String issuer() {
        return "http://127.0.0.1:" + JWKS.getAddress().getPort();
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("scope-test").generate();
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
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
            return server;
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }
}
