package org.ncmcp.broker.provisioning;

import java.time.Instant;
import org.ncmcp.broker.vault.Vault;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.lease.ProvisioningStatus;
import org.ncmcp.model.scope.ScopeSet;

/** One attempt to connect a person's Nextcloud account, as in {@code provisioning_session}. */
public record ProvisioningSession(String id, String subject, ProvisioningKind kind, ScopeSet scopes, State state,
        String detail, String pollEndpoint, Vault.Sealed pollToken, String loginUrl, String receivedLogin,
        Vault.Sealed receivedSecret, String oauthState, Vault.Sealed codeVerifier, Instant createdAt,
        Instant updatedAt, Instant expiresAt) {

    /** The life of an attempt; only {@link #PENDING} changes further. */
    public enum State {
        PENDING, COMPLETED, DECLINED, CANCELLED, EXPIRED, FAILED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State parse(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }

        /** How the attempt reads in the provisioning status the tools report. */
        public ProvisioningStatus asStatus() {
            return switch (this) {
                case PENDING -> ProvisioningStatus.PENDING;
                case COMPLETED -> ProvisioningStatus.PROVISIONED;
                case DECLINED -> ProvisioningStatus.DECLINED;
                case CANCELLED, EXPIRED -> ProvisioningStatus.CANCELLED;
                case FAILED -> ProvisioningStatus.ERROR;
            };
        }
    }

    public boolean pending() {
        return state == State.PENDING;
    }

    @Override
    public String toString() {
        return "ProvisioningSession[id=" + id + ", subject=" + subject + ", kind=" + kind + ", state=" + state
                + ", secrets=<sealed>]";
    }
}
