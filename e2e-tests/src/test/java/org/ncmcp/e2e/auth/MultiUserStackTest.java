package org.ncmcp.e2e.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.oauth.HeadlessSignIn;
import org.ncmcp.e2e.oauth.McpOAuthClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An MCP client against the whole multi-user system, doing what stock clients do: discovery from a 401,
 * RFC 9728 and RFC 8414 metadata, registration, sign-in with consent, tools, and the step-up challenge.
 */
class MultiUserStackTest {

    static final String REDIRECT = "http://127.0.0.1:33418/callback";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static MultiUserStack stack;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        stack = new MultiUserStack(2, Map.of());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static HttpResponse<String> post(String url, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static String param(String challenge, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(challenge);
        return m.find() ? m.group(1) : null;
    }

    static String accessToken(String login, String password, String scope, String resource) {
        McpOAuthClient client = new McpOAuthClient(stack.issuer(), REDIRECT);
        client.register("Stack test client");
        return client.signIn(new HeadlessSignIn(login, password), scope, resource).get("access_token").asString();
    }

    static McpSyncClient mcp(String token) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(stack.mcpBase()).endpoint("/mcp")
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build())
                .requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},
             "clientInfo":{"name":"e2e","version":"1"}}}""";

    @Test
    @DisplayName("Discovery → DCR → sign-in → consent → tools/list, across two broker replicas on one database")
    void stockClientJourney() throws Exception {
        // 1. unauthenticated request: 401 pointing at the protected resource metadata
        HttpResponse<String> unauthorized = post(stack.resourceUri, null, INITIALIZE);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        String challenge = unauthorized.headers().firstValue("WWW-Authenticate").orElseThrow();
        String metadataUrl = param(challenge, "resource_metadata");
        assertThat(param(challenge, "scope")).isEqualTo("notes:read");

        // 2. RFC 9728 → the authorization server → RFC 8414
        JsonNode prm = getJson(metadataUrl);
        assertThat(prm.get("resource").asString()).isEqualTo(stack.resourceUri);
        String issuer = prm.get("authorization_servers").get(0).asString();
        assertThat(issuer).isEqualTo(stack.issuer());
        JsonNode as = getJson(issuer + "/.well-known/oauth-authorization-server");
        assertThat(as.get("registration_endpoint").asString()).isEqualTo(issuer + "/oauth2/register");

        // 3. registration, sign-in, consent, code exchange — every request alternates between the replicas
        String token = accessToken("alice", "alice-login-password", "notes:read", stack.resourceUri);
        int[] served = stack.proxy.servedCounts();
        assertThat(served[0]).isGreaterThan(2);
        assertThat(served[1]).isGreaterThan(2);

        // 4. tools, limited to what notes:read allows
        McpSyncClient client = mcp(token);
        try {
            List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertThat(tools).contains("nc_notes_search_notes", "nc_notes_get_note")
                    .doesNotContain("nc_notes_create_note", "nc_notes_delete_note");
            // no Nextcloud credential yet (provisioning is the next step): a clear tool error, no leak of the token
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("nc_notes_search_notes",
                    Map.of("query", "welcome")));
            assertThat(result.isError()).isTrue();
            assertThat(result.content().toString()).containsIgnoringCase("not connected");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    @DisplayName("RS-09: a token without notes:write gets HTTP 403 insufficient_scope on nc_notes_create_note,"
            + " naming every scope needed in one challenge; step-up with notes:write then passes")
    void scopeChallengeAndStepUp() throws Exception {
        String readOnly = accessToken("bob", "bob-login-password", "notes:read", stack.resourceUri);
        String call = """
                {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"nc_notes_create_note",
                 "arguments":{"title":"t","content":"c"}}}""";
        HttpResponse<String> forbidden = post(stack.resourceUri, readOnly, call);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        String challenge = forbidden.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).contains("error=\"insufficient_scope\"");
        assertThat(List.of(param(challenge, "scope").split(" "))).contains("notes:write");
        assertThat(param(challenge, "resource_metadata")).endsWith("/.well-known/oauth-protected-resource/mcp");

        String readWrite = accessToken("bob", "bob-login-password", param(challenge, "scope"), stack.resourceUri);
        HttpResponse<String> allowed = post(stack.resourceUri, readWrite, call);
        assertThat(allowed.statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("RS-05/06: tokens for another audience, signed by another key, or with alg none are 401")
    void foreignTokensRejected() throws Exception {
        String other = accessToken("alice", "alice-login-password", "notes:read", MultiUserStack.OTHER_RESOURCE);
        assertThat(SignedJWT.parse(other).getJWTClaimsSet().getAudience()).containsExactly(MultiUserStack.OTHER_RESOURCE);
        assertThat(post(stack.resourceUri, other, INITIALIZE).statusCode()).isEqualTo(401);

        String genuine = accessToken("alice", "alice-login-password", "notes:read", stack.resourceUri);
        assertThat(post(stack.resourceUri, genuine, INITIALIZE).statusCode()).isEqualTo(200);
        SignedJWT parsed = SignedJWT.parse(genuine);

        // the same claims and kid, signed by a key the broker never published
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(parsed.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(parsed.getHeader().getKeyID()).build(), parsed.getJWTClaimsSet());
        forged.sign(new RSASSASigner(impostor));
        HttpResponse<String> forgedResponse = post(stack.resourceUri, forged.serialize(), INITIALIZE);
        assertThat(forgedResponse.statusCode()).isEqualTo(401);
        assertThat(forgedResponse.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");

        // alg none: the genuine claims with no signature at all
        String none = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "."
                + parsed.getPayload().toBase64URL() + ".";
        assertThat(post(stack.resourceUri, none, INITIALIZE).statusCode()).isEqualTo(401);
    }
}
