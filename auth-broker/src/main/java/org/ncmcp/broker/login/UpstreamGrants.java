package org.ncmcp.broker.login;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ncmcp.broker.vault.Vault;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code upstream_grant} table: the refresh token of a person's latest sign-in at the upstream IdP, sealed. The
 * {@code token-exchange} provisioning kind needs the person's upstream token when no browser is there; this is where
 * it finds it when the person connects Nextcloud.
 */
@Repository
public class UpstreamGrants {

    static final String TABLE = "upstream_grant";
    private static final String FIELD = "refresh_token";

    private final JdbcTemplate jdbc;
    private final Vault vault;

    public UpstreamGrants(JdbcTemplate jdbc, Vault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** Keeps (replaces) the person's sign-in refresh token. */
    public void keep(String subject, String refreshToken, Instant now) {
        Vault.Sealed sealed = vault.seal(refreshToken, aad(subject));
        jdbc.update("INSERT INTO " + TABLE + " (subject, refresh_token, refresh_token_key_id, received_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (subject) DO UPDATE SET refresh_token = EXCLUDED.refresh_token,"
                + " refresh_token_key_id = EXCLUDED.refresh_token_key_id, received_at = EXCLUDED.received_at",
                subject, sealed.ciphertext(), sealed.keyId(), Timestamp.from(now));
    }

    /** The person's sign-in refresh token, opened. */
    public Optional<String> refreshToken(String subject) {
        return jdbc.query("SELECT refresh_token, refresh_token_key_id FROM " + TABLE + " WHERE subject = ?",
                (rs, i) -> new Vault.Sealed(rs.getString(2), rs.getBytes(1)), subject).stream().findFirst()
                .map(sealed -> vault.open(sealed, aad(subject)));
    }

    /** Forgets the person's sign-in refresh token (it was taken over, or it was refused). */
    public void forget(String subject) {
        jdbc.update("DELETE FROM " + TABLE + " WHERE subject = ?", subject);
    }

    /** Rows sealed under another key than {@code keyId}: what re-encryption still has to do. */
    public List<String> subjectsNotUnder(String keyId) {
        return jdbc.queryForList("SELECT subject FROM " + TABLE + " WHERE refresh_token_key_id <> ?", String.class,
                keyId);
    }

    /** Re-seals one row under the active key; call inside a transaction (the row stays locked until it ends). */
    public void reseal(String subject) {
        jdbc.queryForList("SELECT subject FROM " + TABLE + " WHERE subject = ? FOR UPDATE", String.class, subject);
        refreshToken(subject).ifPresent(token -> {
            Vault.Sealed sealed = vault.seal(token, aad(subject));
            jdbc.update("UPDATE " + TABLE + " SET refresh_token = ?, refresh_token_key_id = ? WHERE subject = ?",
                    sealed.ciphertext(), sealed.keyId(), subject);
        });
    }

    private static String aad(String subject) {
        return Vault.bind(TABLE, subject, "sign-in", FIELD);
    }
}
