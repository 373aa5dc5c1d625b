package org.ncmcp.e2e.demo;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ncmcp.e2e.oauth.HeadlessSignIn;
import org.ncmcp.e2e.oauth.McpOAuthClient;
import org.ncmcp.e2e.proxy.LoopbackProxy;
import org.ncmcp.model.scope.Scope;
import tools.jackson.databind.JsonNode;

/**
 * For clients that cannot do OAuth (the conformance CLI): signs a demo user in at the broker like any
 * MCP client would, and serves mcp-resource on another loopback port with that user's broker-issued
 * bearer token added to every request, refreshed before it expires. Only for the demo and CI.
 */
final class BearerGateway {

    private final McpOAuthClient client;
    private String accessToken;
    private String refreshToken;
    private Instant expiresAt;

    private BearerGateway(McpOAuthClient client, JsonNode tokens) {
        this.client = client;
        remember(tokens);
    }

    static LoopbackProxy start(int port, String issuer, String resourceUri, String login, String password) {
        McpOAuthClient client = new McpOAuthClient(issuer, "http://127.0.0.1:1/bearer-gateway");
        client.register("Bearer gateway (demo/CI)");
        JsonNode tokens = client.signIn(new HeadlessSignIn(login, password), String.join(" ", Scope.validValues()),
                resourceUri);
        BearerGateway gateway = new BearerGateway(client, tokens);
        URI backend = URI.create(resourceUri.substring(0, resourceUri.length() - "/mcp".length()));
        return LoopbackProxy.start(port, List.of(backend), gateway::headers);
    }

    private synchronized Map<String, String> headers() {
        if (Instant.now().plusSeconds(30).isAfter(expiresAt)) {
            var response = client.refresh(refreshToken, null);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the gateway's refresh failed: " + response.statusCode());
            }
            remember(tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()));
        }
        return Map.of("Authorization", "Bearer " + accessToken);
    }

    private void remember(JsonNode tokens) {
        accessToken = tokens.get("access_token").asString();
        refreshToken = tokens.get("refresh_token").asString();
        expiresAt = Instant.now().plusSeconds(tokens.get("expires_in").asLong());
    }
}
