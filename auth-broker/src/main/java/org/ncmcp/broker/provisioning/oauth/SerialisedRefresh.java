package org.ncmcp.broker.provisioning.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.ncmcp.broker.provisioning.CredentialKind.CredentialRevokedException;
import org.ncmcp.broker.provisioning.CredentialKind.LeaseSecret;
import org.ncmcp.broker.provisioning.NextcloudCredentials;
import org.ncmcp.broker.provisioning.ProvisioningService;
import org.ncmcp.broker.provisioning.StoredCredential;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leases of bearer-token credentials, with at most one refresh per person at a time across all replicas: the
 * stored access token is used while it is good; otherwise the credential row is locked ({@code SELECT ... FOR
 * UPDATE}), checked again (another replica may just have refreshed), refreshed at the IdP, and the rotated refresh
 * token and the new access token are committed before the lease is returned. Waiters then find the fresh token.
 */
@Component
class SerialisedRefresh {

    /** What a kind does with the stored secret when the access token is used up. */
    interface Refresher {
        /** @throws IdentityProviderException as the IdP answered; {@link IdentityProviderException#grantRejected()} revokes */
        IssuedTokens refresh(String storedSecret);
    }

    /** The refresh rotated the stored secret, but the step after it failed: keep the rotated secret, then fail. */
    static final class RotatedThenFailed extends RuntimeException {
        private final transient String rotatedSecret;

        RotatedThenFailed(String rotatedSecret, IdentityProviderException cause) {
            super(cause.getMessage(), cause);
            this.rotatedSecret = rotatedSecret;
        }

        IdentityProviderException failure() {
            return (IdentityProviderException) getCause();
        }
    }

    private final NextcloudCredentials credentials;
    private final ProvisioningService service;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SerialisedRefresh(NextcloudCredentials credentials, @Lazy ProvisioningService service,
            TransactionTemplate transactions, Clock clock) {
        this.credentials = credentials;
        this.service = service;
        this.transactions = transactions;
        this.clock = clock;
    }

    LeaseSecret lease(StoredCredential credential, Instant now, Instant notAfter, Duration margin, Refresher refresher) {
        if (credential.revoked()) {
            throw new CredentialRevokedException(credential.revokedReason());
        }
        if (credential.hasAccessTokenValidAt(now.plus(margin))) {
            return leaseOf(credential, credentials.openAccessToken(credential), credential.accessTokenExpiresAt(),
                    notAfter);
        }
        record Outcome(LeaseSecret lease, StoredCredential rejected, String reason, RuntimeException failure) {
            Outcome(LeaseSecret lease, StoredCredential rejected, String reason) {
                this(lease, rejected, reason, null);
            }
        }
        Outcome outcome = transactions.execute(tx -> {
            StoredCredential locked = credentials.findForUpdate(credential.subject()).orElse(null);
            if (locked == null || locked.kind() != credential.kind()) {
                return new Outcome(null, null, "The Nextcloud connection was removed or replaced; connect again.");
            }
            if (locked.revoked()) {
                return new Outcome(null, null, locked.revokedReason());
            }
            // the clock, not `now`: this thread may have waited for the lock while another refreshed
            Instant current = clock.instant();
            if (locked.hasAccessTokenValidAt(current.plus(margin))) {
                return new Outcome(leaseOf(locked, credentials.openAccessToken(locked), locked.accessTokenExpiresAt(),
                        notAfter), null, null);
            }
            IssuedTokens fresh;
            try {
                fresh = refresher.refresh(credentials.openSecret(locked));
            } catch (RotatedThenFailed partly) {
                credentials.storeRotatedSecret(locked, partly.rotatedSecret, current);
                IdentityProviderException refused = partly.failure();
                return refused.grantRejected() ? new Outcome(null, locked, rejection(refused))
                        : new Outcome(null, null, null, refused);
            } catch (IdentityProviderException refused) {
                if (refused.grantRejected()) {
                    return new Outcome(null, locked, rejection(refused));
                }
                throw refused;
            }
            // persisted (and committed below) before anyone uses it: a rotated refresh token is never lost
            credentials.storeRefreshed(locked, fresh.refreshToken(), fresh.accessToken(), fresh.expiresAt(), current);
            return new Outcome(leaseOf(locked, fresh.accessToken(), fresh.expiresAt(), notAfter), null, null);
        });
        if (outcome.lease() != null) {
            return outcome.lease();
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        if (outcome.rejected() != null) {
            // after the rollback-free end of the transaction above, so the mark and the audit event stay
            service.markRejected(outcome.rejected(), outcome.reason());
        }
        throw new CredentialRevokedException(outcome.reason());
    }

    private static String rejection(IdentityProviderException refused) {
        return "the sign-in service no longer accepts the stored grant (" + refused.error()
                + (refused.description().isEmpty() ? "" : ": " + refused.description()) + "); connect Nextcloud again";
    }

    private static LeaseSecret leaseOf(StoredCredential credential, String accessToken, Instant tokenExpiresAt,
            Instant notAfter) {
        Instant expires = tokenExpiresAt.isBefore(notAfter) ? tokenExpiresAt : notAfter;
        String login = credential.loginName() != null ? credential.loginName() : credential.nextcloudUserId();
        return new LeaseSecret(accessToken, login, expires);
    }
}
