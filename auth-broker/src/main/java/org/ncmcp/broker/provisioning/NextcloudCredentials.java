package org.ncmcp.broker.provisioning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ncmcp.broker.vault.Vault;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code nextcloud_credential} table: one row per person who connected Nextcloud. */
@Repository
public class NextcloudCredentials {

    static final String TABLE = "nextcloud_credential";
    static final String SECRET = "secret";
    static final String ACCESS_TOKEN = "access_token";

    private static final String COLUMNS = "subject, kind, nextcloud_user_id, login_name, secret, secret_key_id,"
            + " access_token, access_token_key_id, access_token_expires_at, scopes, created_at, updated_at,"
            + " refreshed_at, revoked_at, revoked_reason";

    private final JdbcTemplate jdbc;
    private final Vault vault;

    /** The columns {@link #read} needs, qualified by a table alias, for queries that join this table. */
    public static String columns(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    /** The credential in the current row of a result set selected with {@link #columns}. */
    public static StoredCredential read(ResultSet rs) throws SQLException {
        return ROWS.mapRow(rs, rs.getRow());
    }

    public NextcloudCredentials(JdbcTemplate jdbc, Vault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    public Optional<StoredCredential> find(String subject) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE subject = ?", ROWS, subject).stream()
                .findFirst();
    }

    /** The row, locked until the surrounding transaction ends: serialises refreshes of one user across replicas. */
    public Optional<StoredCredential> findForUpdate(String subject) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE subject = ? FOR UPDATE", ROWS, subject)
                .stream().findFirst();
    }

    /**
     * Stores a new credential for the person, replacing any earlier one (the caller revokes the earlier one at
     * Nextcloud once this is committed). {@code secret} and {@code accessToken} are sealed here.
     */
    public StoredCredential store(String subject, ProvisioningKind kind, String nextcloudUserId, String loginName,
            String secret, String accessToken, Instant accessTokenExpiresAt, ScopeSet scopes, Instant now) {
        Vault.Sealed sealedSecret = secret == null ? null : vault.seal(secret, aad(subject, kind, SECRET));
        Vault.Sealed sealedToken = accessToken == null ? null : vault.seal(accessToken, aad(subject, kind, ACCESS_TOKEN));
        jdbc.update("INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)"
                + " ON CONFLICT (subject) DO UPDATE SET kind = EXCLUDED.kind,"
                + " nextcloud_user_id = EXCLUDED.nextcloud_user_id, login_name = EXCLUDED.login_name,"
                + " secret = EXCLUDED.secret, secret_key_id = EXCLUDED.secret_key_id,"
                + " access_token = EXCLUDED.access_token, access_token_key_id = EXCLUDED.access_token_key_id,"
                + " access_token_expires_at = EXCLUDED.access_token_expires_at, scopes = EXCLUDED.scopes,"
                + " created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,"
                + " refreshed_at = EXCLUDED.refreshed_at, revoked_at = NULL, revoked_reason = NULL",
                subject, kind.value(), nextcloudUserId, loginName, bytes(sealedSecret), keyId(sealedSecret),
                bytes(sealedToken), keyId(sealedToken), timestamp(accessTokenExpiresAt), scopes.format(),
                Timestamp.from(now), Timestamp.from(now), accessToken == null ? null : Timestamp.from(now));
        return find(subject).orElseThrow();
    }

    /** After a refresh: the rotated refresh token (if the IdP rotated it) and the new access token. */
    public void storeRefreshed(StoredCredential credential, String newSecret, String accessToken, Instant expiresAt,
            Instant now) {
        Vault.Sealed sealedSecret = newSecret == null ? credential.secret()
                : vault.seal(newSecret, aad(credential.subject(), credential.kind(), SECRET));
        Vault.Sealed sealedToken = vault.seal(accessToken, aad(credential.subject(), credential.kind(), ACCESS_TOKEN));
        jdbc.update("UPDATE " + TABLE + " SET secret = ?, secret_key_id = ?, access_token = ?, access_token_key_id = ?,"
                + " access_token_expires_at = ?, refreshed_at = ? WHERE subject = ?", bytes(sealedSecret),
                keyId(sealedSecret), bytes(sealedToken), keyId(sealedToken), timestamp(expiresAt), Timestamp.from(now),
                credential.subject());
    }

    /**
     * Only the rotated refresh token: the IdP rotated it, but what the refresh was for failed afterwards (a token
     * exchange). Without this the next refresh would present a token the IdP already replaced.
     */
    public void storeRotatedSecret(StoredCredential credential, String newSecret, Instant now) {
        Vault.Sealed sealed = vault.seal(newSecret, aad(credential.subject(), credential.kind(), SECRET));
        jdbc.update("UPDATE " + TABLE + " SET secret = ?, secret_key_id = ?, refreshed_at = ? WHERE subject = ?",
                sealed.ciphertext(), sealed.keyId(), Timestamp.from(now), credential.subject());
    }

    /** @return false when the person has no credential */
    public boolean updateScopes(String subject, ScopeSet scopes, Instant now) {
        return jdbc.update("UPDATE " + TABLE + " SET scopes = ?, updated_at = ? WHERE subject = ?", scopes.format(),
                Timestamp.from(now), subject) == 1;
    }

    /** Nextcloud or the IdP refused the credential: no more leases until the person connects again. */
    public void markRevoked(String subject, String reason, Instant now) {
        jdbc.update("UPDATE " + TABLE + " SET revoked_at = ?, revoked_reason = ?, access_token = NULL,"
                + " access_token_key_id = NULL WHERE subject = ? AND revoked_at IS NULL", Timestamp.from(now),
                reason.length() <= 500 ? reason : reason.substring(0, 500), subject);
    }

    public boolean delete(String subject) {
        return jdbc.update("DELETE FROM " + TABLE + " WHERE subject = ?", subject) == 1;
    }

    public String openSecret(StoredCredential credential) {
        return vault.open(credential.secret(), aad(credential.subject(), credential.kind(), SECRET));
    }

    public String openAccessToken(StoredCredential credential) {
        return vault.open(credential.accessToken(), aad(credential.subject(), credential.kind(), ACCESS_TOKEN));
    }

    /** Rows with a secret sealed under another key than the active one: what re-encryption still has to do. */
    public List<String> subjectsNotUnder(String keyId) {
        return jdbc.queryForList("SELECT subject FROM " + TABLE + " WHERE secret_key_id <> ? OR access_token_key_id <> ?",
                String.class, keyId, keyId);
    }

    /** Re-seals one row's secrets under the active key; the caller holds the row lock. */
    public void reseal(StoredCredential credential) {
        Vault.Sealed secret = credential.secret() == null ? null
                : vault.seal(openSecret(credential), aad(credential.subject(), credential.kind(), SECRET));
        Vault.Sealed token = credential.accessToken() == null ? null
                : vault.seal(openAccessToken(credential), aad(credential.subject(), credential.kind(), ACCESS_TOKEN));
        jdbc.update("UPDATE " + TABLE + " SET secret = ?, secret_key_id = ?, access_token = ?, access_token_key_id = ?"
                + " WHERE subject = ?", bytes(secret), keyId(secret), bytes(token), keyId(token), credential.subject());
    }

    static String aad(String subject, ProvisioningKind kind, String field) {
        return Vault.bind(TABLE, subject, kind.value(), field);
    }

    private static byte[] bytes(Vault.Sealed sealed) {
        return sealed == null ? null : sealed.ciphertext();
    }

    private static String keyId(Vault.Sealed sealed) {
        return sealed == null ? null : sealed.keyId();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Vault.Sealed sealed(ResultSet rs, String column, String keyColumn) throws SQLException {
        byte[] value = rs.getBytes(column);
        return value == null ? null : new Vault.Sealed(rs.getString(keyColumn), value);
    }

    private static final RowMapper<StoredCredential> ROWS = (rs, i) -> new StoredCredential(rs.getString("subject"),
            ProvisioningKind.tryParse(rs.getString("kind")).orElseThrow(), rs.getString("nextcloud_user_id"),
            rs.getString("login_name"), sealed(rs, "secret", "secret_key_id"),
            sealed(rs, "access_token", "access_token_key_id"), instant(rs, "access_token_expires_at"),
            ScopeSet.parse(rs.getString("scopes")), instant(rs, "created_at"), instant(rs, "updated_at"),
            instant(rs, "refreshed_at"), instant(rs, "revoked_at"), rs.getString("revoked_reason"));
}
