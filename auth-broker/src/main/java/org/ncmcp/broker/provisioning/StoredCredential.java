package org.ncmcp.broker.provisioning;

import java.time.Instant;
import org.ncmcp.broker.vault.Vault;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.scope.ScopeSet;

/**
 * A person's stored access to Nextcloud, as in {@code nextcloud_credential}. Secrets stay sealed here; only
 * {@link NextcloudCredentials#openSecret} and {@link NextcloudCredentials#openAccessToken} open them, at the
 * moment a lease or a revocation needs them.
 *
 * @param secret the app password (login-flow-v2), the IdP refresh token (oauth-refresh, token-exchange), or null
 * @param accessToken the current Nextcloud bearer token (oauth-refresh, token-exchange), or null
 */
public record StoredCredential(String subject, ProvisioningKind kind, String nextcloudUserId, String loginName,
        Vault.Sealed secret, Vault.Sealed accessToken, Instant accessTokenExpiresAt, ScopeSet scopes,
        Instant createdAt, Instant updatedAt, Instant refreshedAt, Instant revokedAt, String revokedReason) {

    public boolean revoked() {
        return revokedAt != null;
    }

    /** The bearer token when it is still good for at least {@code margin} more at {@code now}. */
    public boolean hasAccessTokenValidAt(Instant instant) {
        return accessToken != null && accessTokenExpiresAt != null && accessTokenExpiresAt.isAfter(instant);
    }

    @Override
    public String toString() {
        return "StoredCredential[subject=" + subject + ", kind=" + kind + ", nextcloudUserId=" + nextcloudUserId
                + ", scopes=" + scopes + ", revokedAt=" + revokedAt + ", secrets=<sealed>]";
    }
}
