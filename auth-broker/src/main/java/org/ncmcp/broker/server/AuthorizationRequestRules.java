package org.ncmcp.broker.server;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * Our rules for authorization requests, on top of Spring's (grant type, PKCE S256 and prompt are
 * checked by the provider itself): exact redirect URIs with the loopback-port allowance, a required
 * {@code state}, and a {@code resource} that names one of our resources (RFC 8707).
 */
@Component
public class AuthorizationRequestRules implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    private final ResourceIndicators resources;

    public AuthorizationRequestRules(ResourceIndicators resources) {
        this.resources = resources;
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        validateRedirectUri(context);
        OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR.accept(context);
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (request.getState() == null || request.getState().isBlank()) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "state is required", request, true);
        }
        Object resource = request.getAdditionalParameters().get(ResourceIndicators.PARAMETER);
        if (resource instanceof String[] || resource instanceof List<?>) {
            throw error("invalid_target", "only one resource may be requested", request, true);
        }
        if (resource != null && resources.resolveTarget(resource.toString()).isEmpty()) {
            throw error("invalid_target", "unknown resource '" + resource + "'; this server issues tokens for "
                    + String.join(", ", resources.targets()), request, true);
        }
    }

    private static void validateRedirectUri(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        RegisteredClient client = context.getRegisteredClient();
        String requested = request.getRedirectUri();
        if (requested == null) {
            // Without a redirect_uri we may only fall back to a single registered one.
            if (client.getRedirectUris().size() != 1) {
                throw error(OAuth2ErrorCodes.INVALID_REQUEST, "redirect_uri is required", request, false);
            }
            return;
        }
        if (!RedirectUris.matches(requested, client.getRedirectUris())) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "redirect_uri is not registered for this client (exact match required)", request, false);
        }
    }

    /**
     * An error for the authorization endpoint. When the redirect URI itself is in doubt the error is
     * shown to the user (400) instead of being sent anywhere: no open redirects.
     */
    private static OAuth2AuthorizationCodeRequestAuthenticationException error(String code, String description,
            OAuth2AuthorizationCodeRequestAuthenticationToken request, boolean redirectable) {
        OAuth2AuthorizationCodeRequestAuthenticationToken target = request;
        if (!redirectable) {
            target = new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(),
                    request.getClientId(), (org.springframework.security.core.Authentication) request.getPrincipal(),
                    null, request.getState(), Set.copyOf(request.getScopes()), request.getAdditionalParameters());
        }
        return new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(code, description, null), target);
    }
}
