package org.ncmcp.broker.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.ncmcp.broker.audit.AuditLog;
import org.ncmcp.broker.login.BrokerUsers.BrokerUser;
import org.ncmcp.broker.provisioning.ProvisioningService;
import org.ncmcp.broker.provisioning.StoredCredential;
import org.ncmcp.model.scope.Scope;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.stereotype.Service;

/**
 * A person's access to Nextcloud as the API and the {@code /user} page show and change it. Reading goes through
 * {@link ProvisioningService#status} (which also moves a pending Login Flow on); a scope change is stored on the
 * credential and so applies from the next lease; disconnecting is {@link ProvisioningService#revoke}.
 */
@Service
public class AccountAccess {

    private final ProvisioningService provisioning;
    private final AuditLog audit;
    private final Clock clock;

    public AccountAccess(ProvisioningService provisioning, AuditLog audit, Clock clock) {
        this.provisioning = provisioning;
        this.audit = audit;
        this.clock = clock;
    }

    public AccessView of(BrokerUser user) {
        ProvisioningService.Status status = provisioning.status(user.subject());
        Optional<StoredCredential> credential = status.credential();
        return new AccessView(user.subject(), status.status().value(),
                credential.map(c -> !c.revoked()).orElse(false),
                credential.map(c -> c.kind().value()).orElse(null),
                credential.map(StoredCredential::nextcloudUserId).orElse(user.nextcloudUserId()),
                credential.map(c -> c.scopes().asSet().stream().map(Scope::value).toList()).orElse(List.of()),
                credential.map(StoredCredential::createdAt).orElse(null),
                credential.map(StoredCredential::updatedAt).orElse(null),
                credential.map(StoredCredential::revoked).orElse(false),
                credential.map(StoredCredential::revokedAt).orElse(null),
                credential.map(StoredCredential::revokedReason).orElse(null),
                status.detail());
    }

    /**
     * Narrows or widens what the person's credential may be leased for; mcp-resource sees it at its next lease.
     *
     * @throws org.ncmcp.model.scope.UnknownScopeException naming scopes outside the catalogue
     * @throws InvalidScopeChangeException when the change is malformed or would leave no scope
     * @throws NotConnectedException when the person has no stored credential
     */
    public AccessView changeScopes(BrokerUser user, ScopeChange change, String actor) {
        StoredCredential credential = provisioning.credentials().find(user.subject()).orElseThrow(() ->
                new NotConnectedException("'" + user.subject()
                + "' has not connected Nextcloud; there are no scopes to change. Connect first at /provision."));
        ScopeSet updated = apply(credential.scopes(), change);
        if (!updated.equals(credential.scopes())) {
            provisioning.credentials().updateScopes(user.subject(), updated, clock.instant());
            audit.record("scopes-changed", user.subject(), null, "success", "from " + credential.scopes().format()
                    + " to " + updated.format() + " by " + actor);
        }
        return of(user);
    }

    /** Disconnects: the stored credential is deleted and revoked at Nextcloud. @return false if there was none */
    public boolean revoke(BrokerUser user, String actor) {
        return provisioning.revoke(user.subject(), actor);
    }

    /** The person has no stored credential to change. */
    public static final class NotConnectedException extends RuntimeException {
        NotConnectedException(String message) {
            super(message);
        }
    }

    /** The scope change is malformed or would leave no scope; the message says what to send instead. */
    public static final class InvalidScopeChangeException extends IllegalArgumentException {
        InvalidScopeChangeException(String message) {
            super(message);
        }
    }

    static ScopeSet apply(ScopeSet current, ScopeChange change) {
        boolean replace = change.scopes() != null;
        boolean edit = change.add() != null || change.remove() != null;
        if (replace == edit) {
            throw new InvalidScopeChangeException(replace
                    ? "Send either 'scopes' (the new set) or 'add'/'remove', not both."
                    : "Send 'scopes' (the new set, e.g. {\"scopes\":[\"notes:read\"]}) or 'add'/'remove' lists.");
        }
        ScopeSet result;
        if (replace) {
            result = parse(change.scopes());
        } else {
            ScopeSet removed = parse(change.remove());
            SortedSet<Scope> kept = new TreeSet<>(current.union(parse(change.add())).asSet());
            kept.removeAll(removed.asSet());
            result = ScopeSet.of(kept);
            List<String> stillImplied = new ArrayList<>();
            for (Scope gone : removed) {
                if (result.grants(gone)) {
                    stillImplied.add(gone.value());
                }
            }
            if (!stillImplied.isEmpty()) {
                throw new InvalidScopeChangeException("Removing " + String.join(", ", stillImplied) + " has no effect while the"
                        + " matching write scope stays (a write scope implies its read scope); remove that too.");
            }
        }
        if (result.isEmpty()) {
            throw new InvalidScopeChangeException("At least one scope must remain. To disconnect Nextcloud altogether use"
                    + " DELETE /api/v1/users/{id}/access.");
        }
        return result;
    }

    private static ScopeSet parse(List<String> values) {
        if (values == null) {
            return ScopeSet.empty();
        }
        if (values.stream().anyMatch(value -> value == null || value.isBlank() || value.contains(" "))) {
            throw new InvalidScopeChangeException("Each scope is one non-empty string such as \"notes:read\".");
        }
        return ScopeSet.parse(String.join(" ", values));
    }
}
