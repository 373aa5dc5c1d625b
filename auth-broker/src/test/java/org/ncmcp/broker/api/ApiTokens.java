package org.ncmcp.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ncmcp.broker.Http;
import org.ncmcp.broker.login.BrokerUsers;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real access tokens from the broker's token endpoint: a person's sign-in is planted through the authorization
 * service (the sign-in itself is tested end to end in e2e-tests, as in RefreshTokenRotationTest), then its refresh
 * token is exchanged over HTTP, so the token is signed, customised ({@code aud} from the RFC 8707 resource) and
 * validated exactly as in production.
 */
final class ApiTokens {

    static final String API_RESOURCE = "http://127.0.0.1:9999/api";
    static final String MCP_RESOURCE = "http://127.0.0.1:8080/mcp";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Http http;
    private final OAuth2AuthorizationService authorizations;
    private final RegisteredClient client;

    ApiTokens(int port, OAuth2AuthorizationService authorizations, RegisteredClientRepository clients) {
        this.http = new Http(port);
        this.authorizations = authorizations;
        HttpResponse<String> created = http.postJson("/oauth2/register", """
                {"client_name":"API caller","redirect_uris":["http://127.0.0.1:33418/cb"],
                 "grant_types":["authorization_code","refresh_token"],"token_endpoint_auth_method":"none"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        this.client = clients.findByClientId(JSON.readTree(created.body()).get("client_id").asString());
    }

    String clientId() {
        return client.getClientId();
    }

    /** Records a sign-in of {@code subject} as the IdP login would. */
    static void signedIn(BrokerUsers users, String subject, String nextcloudUser, boolean admin) {
        users.recordLogin(new BrokerUsers.BrokerUser(subject, "http://idp.example.test", nextcloudUser,
                nextcloudUser.substring(0, 1).toUpperCase() + nextcloudUser.substring(1), nextcloudUser + "@example.test",
                admin), Instant.now());
    }

    /** An access token for the broker's API, as {@code subject}. */
    String forApi(String subject) {
        return issue(subject, API_RESOURCE);
    }

    /** An access token for mcp-resource, as {@code subject}: the API must refuse it. */
    String forMcp(String subject) {
        return issue(subject, MCP_RESOURCE);
    }

    private String issue(String subject, String resource) {
        String refresh = "rt-" + UUID.randomUUID();
        Instant now = Instant.now();
        Set<String> scopes = Set.of("profile");
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("http://127.0.0.1:9999/oauth2/authorize").clientId(client.getClientId())
                .redirectUri("http://127.0.0.1:33418/cb").scopes(scopes).state("s")
                .additionalParameters(Map.of("resource", resource)).build();
        authorizations.save(OAuth2Authorization.withRegisteredClient(client)
                .principalName(subject)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizedScopes(scopes)
                .attribute(Principal.class.getName(),
                        UsernamePasswordAuthenticationToken.authenticated(subject, null, List.of()))
                .attribute(OAuth2AuthorizationRequest.class.getName(), request)
                .token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "at-" + UUID.randomUUID(), now,
                        now.plusSeconds(300), scopes))
                .refreshToken(new OAuth2RefreshToken(refresh, now, now.plusSeconds(3600)))
                .build());
        HttpResponse<String> response = http.postForm("/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", refresh, "client_id", client.getClientId()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asString();
    }
}
