package org.ncmcp.broker.token;

import java.util.List;
import org.ncmcp.broker.login.BrokerUsers;
import org.ncmcp.broker.server.ResourceIndicators;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Shapes every access token as an RFC 9068 JWT for exactly one resource: header {@code typ: at+jwt}
 * and the active key's {@code kid}; claims {@code aud} (the RFC 8707 resource of the authorization
 * request), {@code scope} as a space-separated string, {@code client_id}, {@code jti}, and
 * {@code nc_user}, the Nextcloud user id taken from the IdP at sign-in.
 */
@Component
public class AccessTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    public static final String NEXTCLOUD_USER_CLAIM = "nc_user";

    private final SigningKeys keys;
    private final ResourceIndicators resources;
    private final BrokerUsers users;
    private final JdbcTemplate jdbc;

    public AccessTokenCustomizer(SigningKeys keys, ResourceIndicators resources, BrokerUsers users, JdbcTemplate jdbc) {
        this.keys = keys;
        this.resources = resources;
        this.users = users;
        this.jdbc = jdbc;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        context.getJwsHeader().keyId(keys.activeKey().getKeyID());
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        String resource = boundResource(context);
        context.getJwsHeader().type("at+jwt");
        // a mutable list: the claims are stored as token metadata, and Jackson's allow-list refuses List.of()
        context.getClaims().audience(new java.util.ArrayList<>(List.of(resource)));
        context.getClaims().claim("scope", String.join(" ", context.getAuthorizedScopes().stream().sorted().toList()));
        context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
        users.find(context.getPrincipal().getName())
                .ifPresent(user -> context.getClaims().claim(NEXTCLOUD_USER_CLAIM, user.nextcloudUserId()));
        if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
            // a registration that gets a token is in use and must not expire as abandoned
            jdbc.update("UPDATE client_registration SET first_used_at = now()"
                    + " WHERE registered_client_id = ? AND first_used_at IS NULL", context.getRegisteredClient().getId());
        }
    }

    /**
     * The resource this token is for: the one named in the authorization request (or the default when
     * none was), which a token request may repeat but never change.
     */
    private String boundResource(JwtEncodingContext context) {
        String authorized = resources.defaultResource();
        OAuth2Authorization authorization = context.getAuthorization();
        if (authorization != null) {
            OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
            if (request != null && request.getAdditionalParameters().get(ResourceIndicators.PARAMETER) != null) {
                authorized = resources.resolveTarget(request.getAdditionalParameters().get(ResourceIndicators.PARAMETER)
                        .toString()).orElseThrow(() -> invalidTarget("the authorized resource is no longer served"));
            }
        }
        Object requested = context.getAuthorizationGrant() instanceof OAuth2AuthorizationGrantAuthenticationToken grant
                ? grant.getAdditionalParameters().get(ResourceIndicators.PARAMETER) : null;
        if (requested instanceof String[]) {
            throw invalidTarget("only one resource may be requested");
        }
        if (requested == null) {
            if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())
                    && authorization != null && hasResource(authorization)) {
                throw invalidTarget("the token request must name the same resource as the authorization request");
            }
            return authorized;
        }
        String canonical = resources.resolveTarget(requested.toString())
                .orElseThrow(() -> invalidTarget("unknown resource '" + requested + "'"));
        if (!canonical.equals(authorized)) {
            throw invalidTarget("the token request must name the same resource as the authorization request ("
                    + authorized + ")");
        }
        return canonical;
    }

    private static boolean hasResource(OAuth2Authorization authorization) {
        OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        return request != null && request.getAdditionalParameters().get(ResourceIndicators.PARAMETER) != null;
    }

    private static OAuth2AuthenticationException invalidTarget(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error("invalid_target", description, null));
    }
}
