package org.ncmcp.broker.lease;

import java.time.Clock;
import java.time.Instant;
import org.ncmcp.model.lease.CredentialLease;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * Decides a {@link LeaseRequest}: only the lease client (mcp-resource, authenticated by its secret) may ask, the
 * subject token must be a live MCP access token of ours, and {@link LeaseIssuer} decides the rest.
 */
final class LeaseAuthenticationProvider implements AuthenticationProvider {

    private final LeaseClientRepository clients;
    private final SubjectTokens subjectTokens;
    private final LeaseIssuer issuer;
    private final Clock clock;

    LeaseAuthenticationProvider(LeaseClientRepository clients, SubjectTokens subjectTokens, LeaseIssuer issuer,
            Clock clock) {
        this.clock = clock;
        this.clients = clients;
        this.subjectTokens = subjectTokens;
        this.issuer = issuer;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        LeaseRequest request = (LeaseRequest) authentication;
        if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
        }
        if (!clients.isLeaseClient(client.getRegisteredClient())) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
                    "Only the configured lease client may ask for Nextcloud credentials", null));
        }
        SubjectTokens.Subject subject = subjectTokens.verify(request.subjectToken())
                .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                        "The subject token is not a valid, active access token of this broker", null)));
        CredentialLease lease = issuer.issue(subject, request.scopes());
        // Spring's token endpoint expects an access-token result; LeaseResponseHandler writes it as a lease
        Instant now = clock.instant();
        OAuth2AccessToken carrier = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, lease.secret(), now,
                lease.expiresAt().isAfter(now) ? lease.expiresAt() : now.plusSeconds(1));
        return new OAuth2AccessTokenAuthenticationToken(client.getRegisteredClient(), client, carrier, null,
                lease.toResponse(now));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return LeaseRequest.class.isAssignableFrom(authentication);
    }
}
