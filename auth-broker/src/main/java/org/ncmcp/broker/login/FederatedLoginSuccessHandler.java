package org.ncmcp.broker.login;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.ncmcp.broker.audit.AuditLog;
import org.ncmcp.broker.provisioning.NextcloudCredentials;
import org.ncmcp.broker.provisioning.ProvisioningProperties;
import org.ncmcp.model.lease.ProvisioningKind;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/**
 * After a sign-in at the upstream IdP: records who signed in — identity (issuer, sub), and the
 * Nextcloud user id from the configured claim — then resumes the authorization request that sent the
 * person to sign in. A sign-in without the user-id claim is refused with a message naming the claim.
 */
@Component
public class FederatedLoginSuccessHandler implements AuthenticationSuccessHandler {

    private final BrokerUsers users;
    private final UpstreamProperties upstream;
    private final AuditLog audit;
    private final AdminProperties admins;
    private final SignInGrantRepository signInGrants;
    private final UpstreamGrants upstreamGrants;
    private final ProvisioningProperties provisioning;
    private final NextcloudCredentials credentials;
    private final SavedRequestAwareAuthenticationSuccessHandler resume = new SavedRequestAwareAuthenticationSuccessHandler();
    private final AuthenticationFailureHandler refuse = new SimpleUrlAuthenticationFailureHandler("/login-error?reason=claim");

    public FederatedLoginSuccessHandler(BrokerUsers users, UpstreamProperties upstream, AuditLog audit,
            AdminProperties admins, SignInGrantRepository signInGrants, UpstreamGrants upstreamGrants,
            ProvisioningProperties provisioning, NextcloudCredentials credentials) {
        this.credentials = credentials;
        this.admins = admins;
        this.signInGrants = signInGrants;
        this.upstreamGrants = upstreamGrants;
        this.provisioning = provisioning;
        this.users = users;
        this.upstream = upstream;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        OidcUser user = (OidcUser) ((OAuth2AuthenticationToken) authentication).getPrincipal();
        Object nextcloudUser = user.getClaims().get(upstream.userIdClaim());
        if (nextcloudUser == null || nextcloudUser.toString().isBlank()) {
            audit.record("login", user.getSubject(), null, "refused", "no '" + upstream.userIdClaim() + "' claim");
            request.getSession().invalidate();
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
            refuse.onAuthenticationFailure(request, response,
                    new org.springframework.security.authentication.BadCredentialsException("missing claim"));
            return;
        }
        users.recordLogin(new BrokerUsers.BrokerUser(user.getSubject(), user.getIssuer().toString(),
                nextcloudUser.toString(), user.getFullName(), user.getEmail(), admins.isAdmin(user.getClaims())),
                Instant.now());
        keepSignInGrant(request, response, authentication, user.getSubject());
        audit.record("login", user.getSubject(), null, "success", "nextcloud user " + nextcloudUser);
        resume.onAuthenticationSuccess(request, response, authentication);
    }

    /**
     * token-exchange needs the person's upstream token later, without a browser: the sign-in's refresh token is
     * sealed into {@link UpstreamGrants}. Only while that kind is enabled; the tokens are then dropped from the request.
     */
    private void keepSignInGrant(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication, String subject) {
        OAuth2AuthorizedClient client = signInGrants.loadAuthorizedClient(UpstreamProperties.REGISTRATION_ID,
                authentication, request);
        signInGrants.removeAuthorizedClient(UpstreamProperties.REGISTRATION_ID, authentication, request, response);
        if (!provisioning.enabledKinds().contains(ProvisioningKind.TOKEN_EXCHANGE)
                || credentials.find(subject).filter(c -> c.kind() == ProvisioningKind.TOKEN_EXCHANGE && !c.revoked())
                        .isPresent()) {
            return; // not needed, or the person's connection already holds (and rotates) a grant: one copy is enough
        }
        if (client == null || client.getRefreshToken() == null) {
            audit.record("sign-in-grant", subject, null, "missing", "the IdP issued no refresh token at sign-in;"
                    + " token-exchange cannot work for this person (add offline_access to broker.upstream.scopes)");
            return;
        }
        upstreamGrants.keep(subject, client.getRefreshToken().getTokenValue(), Instant.now());
    }
}
