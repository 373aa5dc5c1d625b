package org.ncmcp.broker.provisioning.oauth;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.ncmcp.broker.login.BrokerUsers.BrokerUser;
import org.ncmcp.broker.login.UpstreamGrants;
import org.ncmcp.broker.login.UpstreamProperties;
import org.ncmcp.broker.provisioning.CredentialKind;
import org.ncmcp.broker.provisioning.ProvisioningService;
import org.ncmcp.broker.provisioning.ProvisioningSession;
import org.ncmcp.broker.provisioning.ProvisioningSessions;
import org.ncmcp.broker.provisioning.StoredCredential;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * {@code token-exchange}: no Nextcloud secret is stored. The broker keeps the refresh token of the person's own
 * sign-in (see {@link UpstreamGrants}); for a lease it refreshes that grant at the IdP and exchanges the fresh access
 * token (RFC 8693) for one whose audience is Nextcloud. Exchanged tokens are cached until shortly before they expire;
 * the refresh is serialised per person across replicas like {@code oauth-refresh}.
 */
@Component
public class TokenExchangeKind implements CredentialKind {

    private final UpstreamTokenClient idp;
    private final UpstreamGrants grants;
    private final ProvisioningSessions sessions;
    private final TokenExchangeProperties properties;
    private final UpstreamProperties upstream;
    private final SerialisedRefresh refresh;
    private final ProvisioningService service;

    public TokenExchangeKind(UpstreamTokenClient idp, UpstreamGrants grants, ProvisioningSessions sessions,
            TokenExchangeProperties properties, UpstreamProperties upstream, SerialisedRefresh refresh,
            @Lazy ProvisioningService service) {
        this.idp = idp;
        this.grants = grants;
        this.sessions = sessions;
        this.properties = properties;
        this.upstream = upstream;
        this.refresh = refresh;
        this.service = service;
    }

    @Override
    public ProvisioningKind kind() {
        return ProvisioningKind.TOKEN_EXCHANGE;
    }

    /**
     * Connects at once: takes over the person's sign-in grant (or the one an earlier token-exchange connection holds),
     * proves that one exchange works and that the exchanged token is the person's, and stores the result.
     */
    @Override
    public Begun begin(BrokerUser user, ScopeSet scopes, Instant now) {
        ProvisioningSession session = sessions.create(user.subject(), kind(), scopes, null, null, null, null, null, now,
                now.plusSeconds(60), now.plusSeconds(60));
        URI landing = URI.create("/provision/" + session.id());
        Optional<String> grant = grants.refreshToken(user.subject()).or(() -> earlierGrant(user.subject()));
        if (grant.isEmpty()) {
            service.fail(session, "The broker holds no sign-in grant of yours to exchange. Sign out, sign in again and"
                    + " connect once more (the sign-in service must issue a refresh token: offline_access).",
                    "token-exchange: no upstream refresh token for the person");
            return new Begun(session, landing);
        }
        Exchanged exchanged;
        try {
            exchanged = refreshAndExchange(grant.get());
        } catch (ExchangeFailed failed) {
            grants.keep(user.subject(), failed.rotated, now);
            service.fail(session, failed.failure.getMessage(), "token-exchange at connect failed: "
                    + failed.failure.getMessage());
            return new Begun(session, landing);
        } catch (IdentityProviderException refused) {
            if (refused.grantRejected()) {
                grants.forget(user.subject());
            }
            service.fail(session, explain(refused), "token-exchange at connect failed: " + refused.getMessage());
            return new Begun(session, landing);
        }
        Object owner = UpstreamTokenClient.unverifiedClaims(exchanged.tokens().accessToken()).get(upstream.userIdClaim());
        if (owner != null && !owner.toString().equals(user.nextcloudUserId())) {
            service.fail(session, "The exchanged token belongs to '" + owner + "', not to you ('"
                    + user.nextcloudUserId() + "').", "token-exchange identity mismatch: " + owner);
            return new Begun(session, landing);
        }
        service.complete(session, user.nextcloudUserId(), user.nextcloudUserId(), exchanged.refreshToken(),
                exchanged.tokens().accessToken(), exchanged.tokens().expiresAt());
        // the credential row holds the grant now (and rotates it); one copy is enough
        grants.forget(user.subject());
        return new Begun(session, landing);
    }

    private Optional<String> earlierGrant(String subject) {
        return service.credentials().find(subject)
                .filter(credential -> credential.kind() == kind() && !credential.revoked() && credential.secret() != null)
                .map(credential -> service.credentials().openSecret(credential));
    }

    @Override
    public LeaseSecret leaseSecret(StoredCredential credential, Instant now, Instant notAfter) {
        return refresh.lease(credential, now, notAfter, properties.refreshMargin(), storedGrant -> {
            Exchanged exchanged;
            try {
                exchanged = refreshAndExchange(storedGrant);
            } catch (ExchangeFailed failed) {
                throw new SerialisedRefresh.RotatedThenFailed(failed.rotated, failed.failure);
            }
            // the exchanged token is leased; the rotated sign-in refresh token replaces the stored one
            return new IssuedTokens(exchanged.tokens().accessToken(), exchanged.tokens().expiresAt(),
                    exchanged.refreshToken(), null);
        });
    }

    /** Nothing of Nextcloud's to revoke: exchanged tokens expire within minutes; the row holding the grant is gone. */
    @Override
    public void revokeUpstream(StoredCredential credential, String openedSecret) {
    }

    private record Exchanged(IssuedTokens tokens, String refreshToken) {
    }

    /** The refresh worked (and may have rotated the grant); the exchange did not. */
    private static final class ExchangeFailed extends RuntimeException {
        private final transient String rotated;
        private final IdentityProviderException failure;

        ExchangeFailed(String rotated, IdentityProviderException failure) {
            super(failure.getMessage(), failure);
            this.rotated = rotated;
            this.failure = failure;
        }
    }

    private Exchanged refreshAndExchange(String signInRefreshToken) {
        IssuedTokens upstreamTokens = idp.refresh(signInRefreshToken);
        String rotated = upstreamTokens.refreshToken() != null ? upstreamTokens.refreshToken() : signInRefreshToken;
        IssuedTokens exchanged;
        try {
            exchanged = idp.exchange(upstreamTokens.accessToken(), properties.audience(), properties.scope());
        } catch (IdentityProviderException refused) {
            throw new ExchangeFailed(rotated, new IdentityProviderException(explain(refused), refused.status(),
                    refused.error(), refused.description(), refused));
        }
        return new Exchanged(exchanged, rotated);
    }

    /** Keycloak's answers to a standard token exchange (keycloak.md), as what an administrator has to change. */
    private String explain(IdentityProviderException refused) {
        String description = refused.description();
        String audience = properties.audience();
        if (description.startsWith("Requested audience not available")) {
            return "Token exchange refused: audience '" + audience + "' is not available to the broker's client. Add a"
                    + " client scope mapping aud=" + audience + " to the broker's client and name it in"
                    + " broker.provisioning.token-exchange.scope (or make it a default scope).";
        }
        if (description.contains("token exchange is not enabled")) {
            return "Token exchange is not enabled for the broker's client at the IdP (Keycloak: client setting"
                    + " 'Standard token exchange', attribute standard.token.exchange.enabled).";
        }
        if (description.contains("not within the token audience")) {
            return "Token exchange refused: the person's token does not name the broker's client in 'aud'. Add an"
                    + " audience mapper for the broker's own client id to its tokens.";
        }
        if (description.equals("Audience not found")) {
            return "Token exchange refused: the IdP has no client '" + audience + "'"
                    + " (broker.provisioning.token-exchange.audience).";
        }
        if ("unauthorized_client".equals(refused.error()) || "invalid_client".equals(refused.error())) {
            return "The IdP did not accept the broker's client credentials (broker.upstream.client-id/-secret): "
                    + description;
        }
        if (refused.grantRejected()) {
            return "The sign-in service no longer accepts your sign-in grant (" + refused.error()
                    + "). Sign in again and connect once more.";
        }
        return refused.getMessage();
    }
}
