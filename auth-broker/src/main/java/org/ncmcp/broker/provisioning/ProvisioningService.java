package org.ncmcp.broker.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ncmcp.broker.audit.AuditLog;
import org.ncmcp.broker.login.BrokerUsers;
import org.ncmcp.broker.login.BrokerUsers.BrokerUser;
import org.ncmcp.broker.login.UpstreamGrants;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.lease.ProvisioningStatus;
import org.ncmcp.model.scope.ScopeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connecting, reconnecting and disconnecting people's Nextcloud accounts, whatever the {@link CredentialKind}:
 * sessions, the stored credential, replacing an old credential once the new one works, revocation and audit.
 */
@Service
public class ProvisioningService {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningService.class);

    /** Where a person stands, for the status endpoint, the tools and the pages. Never holds a secret. */
    public record Status(ProvisioningStatus status, Optional<StoredCredential> credential,
            Optional<ProvisioningSession> latestSession, String detail) {
    }

    private final Map<ProvisioningKind, CredentialKind> kinds = new EnumMap<>(ProvisioningKind.class);
    private final ProvisioningProperties properties;
    private final NextcloudCredentials credentials;
    private final ProvisioningSessions sessions;
    private final BrokerUsers users;
    private final UpstreamGrants upstreamGrants;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ProvisioningService(List<CredentialKind> available, ProvisioningProperties properties,
            NextcloudCredentials credentials, ProvisioningSessions sessions, BrokerUsers users,
            UpstreamGrants upstreamGrants, AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.upstreamGrants = upstreamGrants;
        available.forEach(kind -> kinds.put(kind.kind(), kind));
        for (ProvisioningKind enabled : properties.enabledKinds()) {
            if (!kinds.containsKey(enabled)) {
                throw new IllegalStateException("broker.provisioning.kinds enables " + enabled
                        + ", but it is not available in this build");
            }
        }
        this.properties = properties;
        this.credentials = credentials;
        this.sessions = sessions;
        this.users = users;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public NextcloudCredentials credentials() {
        return credentials;
    }

    public List<ProvisioningKind> enabledKinds() {
        return properties.enabledKinds();
    }

    public CredentialKind kind(ProvisioningKind kind) {
        CredentialKind handler = kinds.get(kind);
        if (handler == null || !properties.enabledKinds().contains(kind)) {
            throw new IllegalArgumentException("Provisioning kind " + kind + " is not enabled (broker.provisioning.kinds)");
        }
        return handler;
    }

    /** Starts connecting: the person's browser goes to {@link CredentialKind.Begun#next()}. */
    public CredentialKind.Begun begin(String subject, ProvisioningKind kind, ScopeSet scopes) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one scope to connect");
        }
        BrokerUser user = users.find(subject).orElseThrow(() -> new IllegalStateException("unknown user " + subject));
        CredentialKind.Begun begun = kind(kind).begin(user, scopes, clock.instant());
        audit.record("provisioning-started", subject, null, "pending", kind + " for " + scopes.format());
        return begun;
    }

    /** The person chose not to connect on the broker's page. */
    public void decline(String subject, ProvisioningKind kind, ScopeSet scopes) {
        Instant now = clock.instant();
        ProvisioningSession session = sessions.create(subject, kind, scopes, null, null, null, null, null, now, now, now);
        sessions.finish(session.id(), ProvisioningSession.State.DECLINED, "You chose not to connect Nextcloud.", now);
        audit.record("provisioning-declined", subject, null, "declined", kind.value());
    }

    /** @return false when the session is not this person's or is no longer pending */
    public boolean cancel(String subject, String sessionId) {
        Optional<ProvisioningSession> session = sessions.find(sessionId).filter(s -> s.subject().equals(subject));
        if (session.isEmpty() || !sessions.finish(sessionId, ProvisioningSession.State.CANCELLED,
                "You cancelled connecting Nextcloud.", clock.instant())) {
            return false;
        }
        audit.record("provisioning-cancelled", subject, null, "cancelled", session.get().kind().value());
        return true;
    }

    /**
     * Where the person stands. A pending session due for a poll is polled first ({@code nc_auth_check_status}
     * "polls a pending flow"), unless another replica is polling it right now.
     */
    public Status status(String subject) {
        Instant now = clock.instant();
        sessions.latest(subject).filter(ProvisioningSession::pending).ifPresent(pending -> {
            if (pending.expiresAt().isBefore(now)) {
                sessions.expire(now);
            } else {
                sessions.claim(pending.id(), now, properties.pollInterval().multipliedBy(10))
                        .ifPresent(claimed -> advance(claimed, now));
            }
        });
        Optional<StoredCredential> credential = credentials.find(subject);
        Optional<ProvisioningSession> latest = sessions.latest(subject);
        if (latest.isPresent() && latest.get().pending()) {
            return new Status(ProvisioningStatus.PENDING, credential, latest,
                    "Waiting for you to approve access in Nextcloud.");
        }
        if (credential.isPresent() && !credential.get().revoked()) {
            return new Status(ProvisioningStatus.PROVISIONED, credential, latest, null);
        }
        if (credential.isPresent()) {
            return new Status(ProvisioningStatus.NOT_INITIATED, credential, latest,
                    "Your Nextcloud connection was revoked (" + credential.get().revokedReason() + "); connect again.");
        }
        if (latest.isPresent() && latest.get().state() != ProvisioningSession.State.COMPLETED) {
            return new Status(latest.get().state().asStatus(), credential, latest, latest.get().detail());
        }
        return new Status(ProvisioningStatus.NOT_INITIATED, credential, latest, null);
    }

    /** Polls a claimed session through its kind; a failure leaves it pending for the next round. */
    void advance(ProvisioningSession session, Instant now) {
        try {
            kind(session.kind()).advance(session, now);
        } catch (RuntimeException failure) {
            // kinds never put secrets into exception messages
            log.warn("Provisioning session {} of {} could not be advanced: {}", session.id(), session.subject(),
                    failure.getMessage());
            sessions.pollAgainAt(session.id(), now.plus(properties.pollInterval()));
        }
    }

    /**
     * A kind obtained a working credential: store it (replacing any earlier one), end the session, then revoke the
     * replaced credential at Nextcloud — after the commit, so the person is never left without a working one.
     */
    public StoredCredential complete(ProvisioningSession session, String nextcloudUserId, String loginName,
            String secret, String accessToken, Instant accessTokenExpiresAt) {
        Instant now = clock.instant();
        record Replaced(StoredCredential credential, String secret) {
        }
        Replaced[] replaced = new Replaced[1];
        StoredCredential stored = transactions.execute(tx -> {
            Optional<StoredCredential> previous = credentials.findForUpdate(session.subject());
            replaced[0] = previous.filter(old -> old.secret() != null && !old.revoked())
                    .map(old -> new Replaced(old, credentials.openSecret(old))).orElse(null);
            StoredCredential fresh = credentials.store(session.subject(), session.kind(), nextcloudUserId, loginName,
                    secret, accessToken, accessTokenExpiresAt, session.scopes(), now);
            sessions.finish(session.id(), ProvisioningSession.State.COMPLETED, null, now);
            return fresh;
        });
        audit.record("provisioned", session.subject(), null, "success", session.kind() + " as Nextcloud user "
                + nextcloudUserId + " with " + session.scopes().format()
                + (replaced[0] != null ? " (replaces the earlier credential)" : ""));
        if (replaced[0] != null && !replaced[0].secret().equals(secret)) {
            revokeUpstreamQuietly(replaced[0].credential(), replaced[0].secret());
        }
        return stored;
    }

    /** The attempt failed for good (identity mismatch, refused); the detail is shown to the person. */
    public void fail(ProvisioningSession session, String detail, String auditDetail) {
        sessions.finish(session.id(), ProvisioningSession.State.FAILED, detail, clock.instant());
        audit.record("provisioning-failed", session.subject(), null, "refused", auditDetail);
    }

    /** Disconnects: deletes the stored credential, then revokes it at Nextcloud. @return false if there was none */
    public boolean revoke(String subject, String actor) {
        Optional<StoredCredential> removed = transactions.execute(tx -> {
            Optional<StoredCredential> credential = credentials.findForUpdate(subject);
            credential.ifPresent(found -> credentials.delete(subject));
            return credential.map(found -> new Object[] {found,
                    found.secret() == null || found.revoked() ? null : credentials.openSecret(found)});
        }).map(pair -> {
            StoredCredential credential = (StoredCredential) pair[0];
            if (pair[1] != null) {
                revokeUpstreamQuietly(credential, (String) pair[1]);
            }
            return credential;
        });
        // a kept sign-in grant (token-exchange) would let the broker reconnect without the person: forget it too
        upstreamGrants.forget(subject);
        removed.ifPresent(credential -> audit.record("access-revoked", subject, null, "success",
                credential.kind() + " credential removed by " + actor));
        return removed.isPresent();
    }

    /**
     * mcp-resource saw Nextcloud answer 401 to this person's lease. If Nextcloud indeed no longer accepts the stored
     * credential (checked here, not taken on trust), it is marked revoked. @return true when it was revoked
     */
    public boolean checkReportedRejection(String subject) {
        Optional<StoredCredential> credential = credentials.find(subject).filter(found -> !found.revoked());
        if (credential.isEmpty() || kinds.get(credential.get().kind()).stillAccepted(credential.get())) {
            return false;
        }
        markRejected(credential.get(), "Nextcloud answered HTTP 401: the credential was revoked at Nextcloud");
        return true;
    }

    /** Nextcloud or the IdP answered 401 / invalid_grant for the stored credential: stop leasing it. */
    public void markRejected(StoredCredential credential, String reason) {
        credentials.markRevoked(credential.subject(), reason, clock.instant());
        audit.record("credential-rejected", credential.subject(), null, "revoked", credential.kind() + ": " + reason);
    }

    private void revokeUpstreamQuietly(StoredCredential credential, String secret) {
        try {
            kinds.get(credential.kind()).revokeUpstream(credential, secret);
        } catch (RuntimeException failure) {
            audit.record("upstream-revocation-failed", credential.subject(), null, "error",
                    credential.kind() + ": " + failure.getMessage());
        }
    }
}
