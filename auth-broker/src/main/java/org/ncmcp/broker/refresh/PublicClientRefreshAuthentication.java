package org.ncmcp.broker.refresh;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Lets public clients (MCP clients have no secret) use and revoke refresh tokens. Spring authenticates a
 * public client only by its PKCE verifier, which refresh and revocation requests do not carry; for those
 * the client is identified by {@code client_id}, and the token itself, bound to that client and rotated
 * on every use, is the proof (OAuth 2.1 §4.3.1; RFC 7009 §2.1 for revocation).
 */
public final class PublicClientRefreshAuthentication {

    private static final String REVOCATION_PATH = "/oauth2/revoke";
    /** Marks requests this converter recognised, so the provider never authenticates anything else. */
    private static final String PURPOSE = "ncmcp.public_client_purpose";

    private PublicClientRefreshAuthentication() {
    }

    public static AuthenticationConverter converter() {
        return (HttpServletRequest request) -> {
            boolean refresh = AuthorizationGrantType.REFRESH_TOKEN.getValue()
                    .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
            boolean revocation = request.getRequestURI().endsWith(REVOCATION_PATH);
            if (!"POST".equals(request.getMethod()) || !(refresh || revocation)
                    || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
                return null;
            }
            String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
            if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                        "client_id is required", null));
            }
            Map<String, Object> parameters = new HashMap<>();
            parameters.put(PURPOSE, refresh ? AuthorizationGrantType.REFRESH_TOKEN.getValue() : "revocation");
            return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, parameters);
        };
    }

    public static AuthenticationProvider provider(RegisteredClientRepository clients) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                var token = (OAuth2ClientAuthenticationToken) authentication;
                if (!ClientAuthenticationMethod.NONE.equals(token.getClientAuthenticationMethod())
                        || token.getAdditionalParameters().get(PURPOSE) == null) {
                    return null;
                }
                RegisteredClient client = clients.findByClientId(token.getPrincipal().toString());
                if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
                    throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                            "unknown client or not a public client", null));
                }
                return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
