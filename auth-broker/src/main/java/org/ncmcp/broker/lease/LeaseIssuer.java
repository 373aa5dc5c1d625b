package org.ncmcp.broker.lease;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.ncmcp.broker.audit.AuditLog;
import org.ncmcp.broker.provisioning.CredentialKind;
import org.ncmcp.broker.provisioning.ProvisioningProperties;
import org.ncmcp.broker.provisioning.ProvisioningService;
import org.ncmcp.broker.provisioning.StoredCredential;
import org.ncmcp.broker.provisioning.oauth.IdentityProviderException;
import org.ncmcp.broker.server.BrokerProperties;
import org.ncmcp.model.lease.CredentialLease;
import org.ncmcp.model.lease.LeaseProtocol;
import org.ncmcp.model.lease.NextcloudApi;
import org.ncmcp.model.lease.ProvisioningProtocol;
import org.ncmcp.model.scope.Scope;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.stereotype.Service;

/**
 * Decides and issues credential leases (ARCHITECTURE.md §2.1 "Internal credential API"). A lease is granted only
 * for scopes both the person's MCP token and the person's own grant allow — mcp-resource checks the same, this is
 * defence in depth — and only if the stored credential's kind can reach the API the scope needs.
 */
@Service
public class LeaseIssuer {

    private final ProvisioningService provisioning;
    private final ProvisioningProperties properties;
    private final BrokerProperties broker;
    private final AuditLog audit;
    private final Clock clock;

    public LeaseIssuer(ProvisioningService provisioning, ProvisioningProperties properties, BrokerProperties broker,
            AuditLog audit, Clock clock) {
        this.provisioning = provisioning;
        this.properties = properties;
        this.broker = broker;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws OAuth2AuthenticationException {@code nextcloud_not_provisioned} (with the connect page as
     *     {@code error_uri}), {@code invalid_scope} or {@code nextcloud_kind_insufficient}
     */
    public CredentialLease issue(SubjectTokens.Subject subject, ScopeSet requested) {
        Optional<StoredCredential> stored = subject.credential();
        if (stored.isEmpty() || stored.get().revoked()) {
            throw notProvisioned(subject, stored.isEmpty() ? "This person has not connected their Nextcloud account."
                    : "This person's Nextcloud connection was revoked (" + stored.get().revokedReason() + ").");
        }
        StoredCredential credential = stored.get();
        ScopeSet granted = credential.scopes();
        ScopeSet notInToken = subject.scopes().missing(requested.asSet());
        ScopeSet notGranted = granted.missing(requested.asSet());
        if (!notInToken.isEmpty() || !notGranted.isEmpty()) {
            audit.record("lease-refused", subject.subject(), subject.clientId(), "denied",
                    "scope " + requested.format() + " not in " + (notInToken.isEmpty() ? "the person's grant" : "the token"));
            throw new OAuth2AuthenticationException(new OAuth2Error(LeaseProtocol.ERROR_INVALID_SCOPE,
                    (notInToken.isEmpty() ? "" : "The access token does not grant " + notInToken.format() + ". ")
                            + (notGranted.isEmpty() ? "" : "The person allows only " + granted.format() + "."), null));
        }
        for (Scope scope : requested) {
            NextcloudApi api = NextcloudApi.of(scope.app());
            if (!credential.kind().reaches(api)) {
                throw new OAuth2AuthenticationException(new OAuth2Error(LeaseProtocol.ERROR_KIND_CANNOT_REACH,
                        scope.app().displayName() + " (" + api + ") needs an app password; this person connected with "
                                + credential.kind() + ", which Nextcloud accepts on OCS and WebDAV only. Connect again"
                                + " with login-flow-v2.", connectPage(requested)));
            }
        }
        Instant now = clock.instant();
        Instant notAfter = now.plus(properties.leaseTtl());
        CredentialKind.LeaseSecret secret;
        try {
            secret = provisioning.kind(credential.kind()).leaseSecret(credential, now, notAfter);
        } catch (CredentialKind.CredentialRevokedException revoked) {
            throw notProvisioned(subject, revoked.getMessage());
        } catch (IdentityProviderException unavailable) {
            // the IdP is down or misconfigured: not the person's fault, and nothing was revoked
            throw new OAuth2AuthenticationException(new OAuth2Error("temporarily_unavailable",
                    "The sign-in service could not renew this person's Nextcloud token: " + unavailable.getMessage(),
                    null));
        }
        Instant expiresAt = secret.expiresAt().isBefore(notAfter) ? secret.expiresAt() : notAfter;
        return new CredentialLease(credential.kind().scheme(), secret.secret(), credential.nextcloudUserId(),
                secret.loginName(), expiresAt, requested, granted, credential.kind());
    }

    private OAuth2AuthenticationException notProvisioned(SubjectTokens.Subject subject, String reason) {
        return new OAuth2AuthenticationException(new OAuth2Error(LeaseProtocol.ERROR_NOT_PROVISIONED,
                reason + " Open the error_uri in a browser to connect.", connectPage(subject.scopes())));
    }

    /** The page where the person connects Nextcloud, with the scopes to pre-select. */
    public String connectPage(ScopeSet scopes) {
        String page = broker.issuerString() + ProvisioningProtocol.PROVISION_PAGE;
        return scopes.isEmpty() ? page : page + "?scope=" + URLEncoder.encode(scopes.format(), StandardCharsets.UTF_8);
    }
}
