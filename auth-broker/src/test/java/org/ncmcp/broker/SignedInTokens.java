package org.ncmcp.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real access tokens from the running broker without a browser: a public client registered over DCR, a sign-in
 * planted through the authorization service (the sign-in itself is covered end to end in e2e-tests), and a refresh
 * over HTTP that returns a signed, stored at+jwt.
 */
public final class SignedInTokens {

    public static final String RESOURCE = "http://127.0.0.1:8080/mcp";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final OAuth2AuthorizationService authorizations;
    private final RegisteredClientRepository clients;

    public SignedInTokens(int port, OAuth2AuthorizationService authorizations, RegisteredClientRepository clients) {
        this.port = port;
        this.authorizations = authorizations;
        this.clients = clients;
    }

    /** Registers a public client over DCR. */
    public RegisteredClient registerPublicClient() {
        HttpResponse<String> created = new Http(port).postJson("/oauth2/register", """
                {"client_name":"Test client","redirect_uris":["http://127.0.0.1:33418/cb"],
                 "grant_types":["authorization_code","refresh_token"],"token_endpoint_auth_method":"none"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return clients.findByClientId(JSON.readTree(created.body()).get("client_id").asString());
    }

    /** Plants a sign-in of {@code subject} for {@code client} and returns its refresh token. */
    public String signIn(RegisteredClient client, String subject, Set<String> scopes) {
        String refresh = "rt-" + UUID.randomUUID();
        Instant now = Instant.now();
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("http://127.0.0.1:9999/oauth2/authorize").clientId(client.getClientId())
                .redirectUri("http://127.0.0.1:33418/cb").scopes(scopes).state("s")
                .additionalParameters(Map.of("resource", RESOURCE)).build();
        authorizations.save(OAuth2Authorization.withRegisteredClient(client)
                .principalName(subject)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizedScopes(scopes)
                .attribute(Principal.class.getName(), UsernamePasswordAuthenticationToken.authenticated(subject, null, List.of()))
                .attribute(OAuth2AuthorizationRequest.class.getName(), request)
                .token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "at-" + UUID.randomUUID(), now,
                        now.plusSeconds(300), scopes))
                .refreshToken(new OAuth2RefreshToken(refresh, now, now.plusSeconds(3600)))
                .build());
        return refresh;
    }

    /** A fresh access token (at+jwt, aud = {@link #RESOURCE}) for {@code subject} with {@code scopes}. */
    public String accessToken(String subject, Set<String> scopes) {
        RegisteredClient client = registerPublicClient();
        HttpResponse<String> response = new Http(port).postForm("/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", signIn(client, subject, scopes), "client_id", client.getClientId()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        return body.get("access_token").asString();
    }
}
