package org.ncmcp.broker.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ncmcp.broker.audit.AuditLog;
import org.ncmcp.broker.login.UpstreamGrants;
import org.ncmcp.broker.vault.Vault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key-rotation command: re-seals every stored Nextcloud credential, kept sign-in grant and pending connection
 * under the vault's active key, so an old key can then be removed from {@code broker.vault.keys}. Row by row, each under its row lock ({@code SELECT ... FOR
 * UPDATE}), so a lease refreshing the same person's token on any replica waits for it instead of writing back a
 * value sealed under the old key. A row that cannot be opened (its key is gone, or it was tampered with) is
 * reported and left as it is; the others still move.
 */
@Service
public class VaultRotation {

    private static final Logger log = LoggerFactory.getLogger(VaultRotation.class);

    /**
     * What one run did.
     *
     * @param activeKey the key every re-sealed row is now under
     * @param examined rows that were under another key when the run started
     * @param resealed rows moved to the active key
     * @param failed subjects whose rows could not be opened (never their secrets)
     * @param remaining rows still under another key after the run (the failed ones, or rows written meanwhile by a
     *     replica that still has the old key active)
     * @param pendingSessions connections under way still holding a value sealed under another key after the run
     *     (they are re-sealed too, so normally none: one whose value cannot be opened, or one started meanwhile on
     *     a replica with the old key active); they end within {@code broker.provisioning.flow-lifetime}
     */
    public record Result(String activeKey, int examined, int resealed, List<String> failed, int remaining,
            int pendingSessions) {
    }

    private final NextcloudCredentials credentials;
    private final ProvisioningSessions sessions;
    private final Vault vault;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final UpstreamGrants upstreamGrants;

    public VaultRotation(NextcloudCredentials credentials, ProvisioningSessions sessions, Vault vault,
            UpstreamGrants upstreamGrants, TransactionTemplate transactions, AuditLog audit) {
        this.upstreamGrants = upstreamGrants;
        this.credentials = credentials;
        this.sessions = sessions;
        this.vault = vault;
        this.transactions = transactions;
        this.audit = audit;
    }

    public Result reEncrypt(String actor) {
        String active = vault.activeKeyId();
        List<String> subjects = credentials.subjectsNotUnder(active);
        int resealed = 0;
        List<String> failed = new ArrayList<>();
        for (String subject : subjects) {
            try {
                Boolean moved = transactions.execute(tx -> credentials.findForUpdate(subject)
                        .filter(credential -> underOtherKey(credential, active))
                        .map(credential -> {
                            credentials.reseal(credential);
                            return true;
                        }).orElse(false));
                if (Boolean.TRUE.equals(moved)) {
                    resealed++;
                }
            } catch (RuntimeException cannotOpen) {
                // the messages name a key id or "tag mismatch", never a secret
                log.warn("Vault re-encryption: the credential of {} stays as it is: {}", subject, cannotOpen.getMessage());
                failed.add(subject);
            }
        }
        // the sign-in grants token-exchange keeps are vault secrets too
        List<String> grants = upstreamGrants.subjectsNotUnder(active);
        for (String subject : grants) {
            try {
                transactions.executeWithoutResult(tx -> upstreamGrants.reseal(subject));
                resealed++;
            } catch (RuntimeException cannotOpen) {
                log.warn("Vault re-encryption: the sign-in grant of {} stays as it is: {}", subject,
                        cannotOpen.getMessage());
                failed.add(subject);
            }
        }
        // connections under way hold sealed values too (a poll token, an app password not yet checked)
        int sessionsResealed = 0;
        for (String id : sessions.pendingIdsNotUnder(active)) {
            try {
                if (Boolean.TRUE.equals(transactions.execute(tx -> sessions.reseal(id)))) {
                    sessionsResealed++;
                }
            } catch (RuntimeException cannotOpen) {
                // it fails or expires on its own within the flow lifetime; counted in pendingSessions below
                log.warn("Vault re-encryption: a pending connection stays as it is: {}", cannotOpen.getMessage());
            }
        }
        Result result = new Result(active, subjects.size() + grants.size(), resealed, List.copyOf(failed),
                credentials.subjectsNotUnder(active).size() + upstreamGrants.subjectsNotUnder(active).size(),
                sessions.pendingNotUnder(active));
        audit.record("vault-re-encrypted", null, null, failed.isEmpty() ? "success" : "partial", "by " + actor
                + ": " + resealed + " of " + subjects.size() + " credentials re-sealed under key " + active
                + (failed.isEmpty() ? "" : "; could not open: " + String.join(", ", failed))
                + (sessionsResealed == 0 ? "" : "; " + sessionsResealed + " pending connections re-sealed"));
        return result;
    }

    private static boolean underOtherKey(StoredCredential credential, String active) {
        return (credential.secret() != null && !Objects.equals(credential.secret().keyId(), active))
                || (credential.accessToken() != null && !Objects.equals(credential.accessToken().keyId(), active));
    }
}
