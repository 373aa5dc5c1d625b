package org.ncmcp.broker.provisioning;

import java.net.URI;
import java.time.Instant;
import org.ncmcp.broker.login.BrokerUsers.BrokerUser;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.scope.ScopeSet;

/**
 * One way of holding a person's offline access to Nextcloud (ARCHITECTURE.md §2.1 "Provisioning"). The
 * {@link ProvisioningService} does everything the kinds share (sessions, storing, replacing, revoking, audit);
 * a kind only talks to Nextcloud or the IdP.
 */
public interface CredentialKind {

    ProvisioningKind kind();

    /** A started connection: the pending session and where the person's browser goes next. */
    record Begun(ProvisioningSession session, URI next) {
    }

    /** The secret a lease carries, and until when it may be used. */
    record LeaseSecret(String secret, String loginName, Instant expiresAt) {
        @Override
        public String toString() {
            return "LeaseSecret[loginName=" + loginName + ", expiresAt=" + expiresAt + ", secret=<redacted>]";
        }
    }

    /** Starts connecting for {@code user}: creates the pending session. */
    Begun begin(BrokerUser user, ScopeSet scopes, Instant now);

    /**
     * Moves a pending session on, if the kind needs polling (Login Flow v2). Called with the session claimed for
     * this replica; completes it through {@link ProvisioningService#complete} or ends it.
     */
    default void advance(ProvisioningSession session, Instant now) {
    }

    /**
     * The secret for a lease of {@code credential}, at most valid until {@code notAfter}. Kinds that hold tokens
     * refresh here, serialised per person across replicas.
     *
     * @throws CredentialRevokedException when Nextcloud or the IdP no longer accepts the stored credential
     */
    LeaseSecret leaseSecret(StoredCredential credential, Instant now, Instant notAfter);

    /**
     * mcp-resource reports that Nextcloud answered 401 to a lease of this credential. Check with Nextcloud (never
     * trust the report alone); {@code true} when the credential is still accepted.
     */
    default boolean stillAccepted(StoredCredential credential) {
        return true;
    }

    /** Best effort, after the row is gone: revoke the secret at Nextcloud or the IdP. */
    void revokeUpstream(StoredCredential credential, String openedSecret);

    /** The stored credential is no good any more; the message says why (never the secret). */
    class CredentialRevokedException extends RuntimeException {
        public CredentialRevokedException(String message) {
            super(message);
        }
    }
}
