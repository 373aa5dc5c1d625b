package org.ncmcp.broker.provisioning.oauth;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ncmcp.broker.login.BrokerUsers;
import org.ncmcp.broker.login.BrokerUsers.BrokerUser;
import org.ncmcp.broker.login.UpstreamProperties;
import org.ncmcp.broker.provisioning.CredentialKind;
import org.ncmcp.broker.provisioning.ProvisioningProperties;
import org.ncmcp.broker.provisioning.ProvisioningService;
import org.ncmcp.broker.provisioning.ProvisioningSession;
import org.ncmcp.broker.provisioning.ProvisioningSessions;
import org.ncmcp.broker.provisioning.StoredCredential;
import org.ncmcp.broker.server.BrokerProperties;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.scope.ScopeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * {@code oauth-refresh}: a second authorization-code flow (PKCE) at the upstream IdP with {@code offline_access} and
 * the Nextcloud resource. The refresh token is sealed in the vault and rotated on use; leases carry the current
 * access token (Bearer, which Nextcloud accepts on OCS and WebDAV only).
 */
@Component
public class OAuthRefreshKind implements CredentialKind {

    /** Where the IdP sends the browser back; served by {@link ProvisioningCallbackController}. */
    public static final String CALLBACK_PATH = "/provision/callback";

    private static final Logger log = LoggerFactory.getLogger(OAuthRefreshKind.class);

    private static final java.util.function.Predicate<StoredCredential> CURRENT_IDP_GRANT = current -> !current.revoked()
            && (current.kind() == ProvisioningKind.OAUTH_REFRESH || current.kind() == ProvisioningKind.TOKEN_EXCHANGE);

    private final UpstreamTokenClient idp;
    private final ProvisioningSessions sessions;
    private final ProvisioningProperties provisioning;
    private final OAuthRefreshProperties properties;
    private final UpstreamProperties upstream;
    private final BrokerProperties broker;
    private final BrokerUsers users;
    private final SerialisedRefresh refresh;
    private final ProvisioningService service;

    public OAuthRefreshKind(UpstreamTokenClient idp, ProvisioningSessions sessions,
            ProvisioningProperties provisioning, OAuthRefreshProperties properties, UpstreamProperties upstream,
            BrokerProperties broker, BrokerUsers users, SerialisedRefresh refresh, @Lazy ProvisioningService service) {
        this.idp = idp;
        this.sessions = sessions;
        this.provisioning = provisioning;
        this.properties = properties;
        this.upstream = upstream;
        this.broker = broker;
        this.users = users;
        this.refresh = refresh;
        this.service = service;
    }

    @Override
    public ProvisioningKind kind() {
        return ProvisioningKind.OAUTH_REFRESH;
    }

    @Override
    public Begun begin(BrokerUser user, ScopeSet scopes, Instant now) {
        String state = Pkce.randomValue();
        String verifier = Pkce.randomValue();
        Instant expires = now.plus(provisioning.flowLifetime());
        // nothing to poll: the browser comes back to the callback, so the first "poll" is never due
        ProvisioningSession session = sessions.create(user.subject(), kind(), scopes, null, null, null, state, verifier,
                now, expires, expires);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", idp.registration().getClientId());
        query.put("redirect_uri", redirectUri());
        query.put("scope", properties.scope());
        query.put("state", state);
        query.put("code_challenge", Pkce.s256(verifier));
        query.put("code_challenge_method", "S256");
        if (!properties.resource().isBlank()) {
            query.put("resource", properties.resource());
        }
        return new Begun(session, idp.authorizationRequest(query));
    }

    String redirectUri() {
        return broker.issuerString() + CALLBACK_PATH;
    }

    /**
     * The browser came back with a code for {@code session} (already matched by state and to the signed-in person):
     * redeems it with the PKCE verifier, checks whose it is, and stores the tokens.
     */
    void finish(ProvisioningSession session, String code) {
        String verifier = sessions.openCodeVerifier(session);
        IssuedTokens tokens;
        try {
            tokens = idp.redeemCode(code, redirectUri(), verifier);
        } catch (IdentityProviderException refused) {
            service.fail(session, "The sign-in service did not complete the connection (" + refused.getMessage()
                    + "). Please try again.", "oauth-refresh code exchange failed: " + refused.getMessage());
            return;
        }
        if (tokens.refreshToken() == null) {
            service.fail(session, "The sign-in service issued no refresh token, so the broker cannot reach Nextcloud"
                    + " while you are away. Ask your administrator to allow offline access (scope offline_access)"
                    + " for the broker's client.", "oauth-refresh: no refresh_token in the token response");
            return;
        }
        String expected = users.find(session.subject()).map(BrokerUser::nextcloudUserId).orElse(null);
        String actual;
        try {
            actual = userIdOf(tokens);
        } catch (RuntimeException unverifiable) {
            service.fail(session, "The sign-in service's answer could not be checked: " + unverifiable.getMessage(),
                    "oauth-refresh identity check failed: " + unverifiable.getMessage());
            return;
        }
        if (actual == null || !actual.equals(expected)) {
            // The grant is dropped, not revoked: it is nowhere stored, and revoking it at Keycloak would end every
            // offline grant of the *other* account for the broker's client, including its own connection.
            service.fail(session, "You approved access as '" + actual + "' (claim " + upstream.userIdClaim()
                    + "), but you are signed in here as '" + expected + "'. Nothing was stored; approve again with"
                    + " your own account.", "identity mismatch: approved as " + actual + ", signed in as " + expected
                            + "; grant discarded");
            return;
        }
        service.complete(session, actual, actual, tokens.refreshToken(), tokens.accessToken(), tokens.expiresAt());
    }

    private String userIdOf(IssuedTokens tokens) {
        Map<String, Object> claims = tokens.idToken() != null ? idp.verifiedIdTokenClaims(tokens.idToken())
                : idp.userInfo(tokens.accessToken());
        Object value = claims.get(upstream.userIdClaim());
        if (value == null && tokens.idToken() != null) {
            value = idp.userInfo(tokens.accessToken()).get(upstream.userIdClaim());
        }
        return value == null ? null : value.toString();
    }

    @Override
    public LeaseSecret leaseSecret(StoredCredential credential, Instant now, Instant notAfter) {
        return refresh.lease(credential, now, notAfter, properties.refreshMargin(), idp::refresh);
    }

    @Override
    public void revokeUpstream(StoredCredential credential, String openedSecret) {
        if (service.credentials().find(credential.subject()).filter(CURRENT_IDP_GRANT).isPresent()) {
            // Replaced by another grant of the same client at the same IdP. Keycloak's revocation endpoint ends every
            // offline token of the person for the client, the new one included; the old grant idles out instead.
            log.info("Not revoking the replaced refresh token of {} at the IdP: its successor is a grant of the same"
                    + " client", credential.subject());
            return;
        }
        if (!idp.revoke(openedSecret, "refresh_token")) {
            log.info("The IdP advertises no revocation_endpoint; the refresh token of {} expires on its own",
                    credential.subject());
        }
    }
}
