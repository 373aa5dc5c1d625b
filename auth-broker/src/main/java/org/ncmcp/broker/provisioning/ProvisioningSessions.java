package org.ncmcp.broker.provisioning;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.ncmcp.broker.vault.Vault;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code provisioning_session} table. Every replica may work on pending sessions; {@link #claimDue} and
 * {@link #claim} hand each due session to one replica at a time by moving its {@code next_poll_at} forward
 * under {@code FOR UPDATE SKIP LOCKED}.
 */
@Repository
public class ProvisioningSessions {

    static final String TABLE = "provisioning_session";
    private static final String COLUMNS = "id, subject, kind, scopes, status, detail, poll_endpoint, poll_token,"
            + " poll_token_key_id, login_url, received_login, received_secret, received_key_id, oauth_state,"
            + " code_verifier, code_verifier_key_id, created_at, updated_at, expires_at";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Vault vault;

    public ProvisioningSessions(JdbcTemplate jdbc, Vault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** A new pending attempt; secrets given here are sealed. Nothing is polled before {@code firstPollAt}. */
    public ProvisioningSession create(String subject, ProvisioningKind kind, ScopeSet scopes, String pollEndpoint,
            String pollToken, String loginUrl, String oauthState, String codeVerifier, Instant now, Instant expiresAt,
            Instant firstPollAt) {
        String id = randomId();
        Vault.Sealed token = pollToken == null ? null : vault.seal(pollToken, aad(id, subject, kind, "poll_token"));
        Vault.Sealed verifier = codeVerifier == null ? null
                : vault.seal(codeVerifier, aad(id, subject, kind, "code_verifier"));
        jdbc.update("INSERT INTO " + TABLE + " (id, subject, kind, scopes, status, poll_endpoint, poll_token,"
                + " poll_token_key_id, login_url, oauth_state, code_verifier, code_verifier_key_id, created_at,"
                + " updated_at, expires_at, next_poll_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, subject, kind.value(), scopes.format(), pollEndpoint, token == null ? null : token.ciphertext(),
                token == null ? null : token.keyId(), loginUrl, oauthState,
                verifier == null ? null : verifier.ciphertext(), verifier == null ? null : verifier.keyId(),
                Timestamp.from(now), Timestamp.from(now), Timestamp.from(expiresAt), Timestamp.from(firstPollAt));
        return find(id).orElseThrow();
    }

    public Optional<ProvisioningSession> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?", ROWS, id).stream().findFirst();
    }

    public Optional<ProvisioningSession> findByOauthState(String state) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE oauth_state = ?", ROWS, state).stream()
                .findFirst();
    }

    /** The person's most recent attempt. */
    public Optional<ProvisioningSession> latest(String subject) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE subject = ? ORDER BY created_at DESC LIMIT 1",
                ROWS, subject).stream().findFirst();
    }

    /** Pending sessions due for a poll, claimed for {@code hold} so no other replica polls them meanwhile. */
    public List<ProvisioningSession> claimDue(ProvisioningKind kind, Instant now, Duration hold, int limit) {
        return jdbc.query("UPDATE " + TABLE + " SET next_poll_at = ? WHERE id IN (SELECT id FROM " + TABLE
                + " WHERE status = 'pending' AND kind = ? AND next_poll_at <= ? ORDER BY next_poll_at LIMIT ?"
                + " FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS, ROWS, Timestamp.from(now.plus(hold)), kind.value(),
                Timestamp.from(now), limit);
    }

    /** The one session, if it is pending and due (nobody else is polling it). */
    public Optional<ProvisioningSession> claim(String id, Instant now, Duration hold) {
        return jdbc.query("UPDATE " + TABLE + " SET next_poll_at = ? WHERE id IN (SELECT id FROM " + TABLE
                + " WHERE id = ? AND status = 'pending' AND next_poll_at <= ? FOR UPDATE SKIP LOCKED) RETURNING "
                + COLUMNS, ROWS, Timestamp.from(now.plus(hold)), id, Timestamp.from(now)).stream().findFirst();
    }

    /** When the next poll may happen (Login Flow v2 asks for a few seconds between polls). */
    public void pollAgainAt(String id, Instant next) {
        jdbc.update("UPDATE " + TABLE + " SET next_poll_at = ? WHERE id = ? AND status = 'pending'", Timestamp.from(next),
                id);
    }

    /**
     * Keeps the app password Nextcloud just handed out (it does so only once), sealed, before anything else is
     * done with it: a crash or a failed identity check afterwards cannot lose it.
     */
    public void recordReceived(ProvisioningSession session, String loginName, String appPassword, Instant now) {
        Vault.Sealed sealed = vault.seal(appPassword, aad(session.id(), session.subject(), session.kind(), "received"));
        jdbc.update("UPDATE " + TABLE + " SET received_login = ?, received_secret = ?, received_key_id = ?,"
                + " poll_token = NULL, poll_token_key_id = NULL, updated_at = ? WHERE id = ?", loginName,
                sealed.ciphertext(), sealed.keyId(), Timestamp.from(now), session.id());
    }

    /** Ends a pending attempt; the sealed secrets it held are erased. @return false if it was not pending */
    public boolean finish(String id, ProvisioningSession.State state, String detail, Instant now) {
        return jdbc.update("UPDATE " + TABLE + " SET status = ?, detail = ?, updated_at = ?, poll_token = NULL,"
                + " poll_token_key_id = NULL, received_secret = NULL, received_key_id = NULL, code_verifier = NULL,"
                + " code_verifier_key_id = NULL WHERE id = ? AND status = 'pending'", state.value(),
                detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000), Timestamp.from(now),
                id) == 1;
    }

    /** Pending attempts past their lifetime (Login Flow v2: 20 minutes) become {@code expired}. */
    public int expire(Instant now) {
        return jdbc.update("UPDATE " + TABLE + " SET status = 'expired', detail = 'The connection was not completed in"
                + " time; start again.', updated_at = ?, poll_token = NULL, poll_token_key_id = NULL,"
                + " received_secret = NULL, received_key_id = NULL, code_verifier = NULL, code_verifier_key_id = NULL"
                + " WHERE status = 'pending' AND expires_at <= ? AND received_secret IS NULL", Timestamp.from(now),
                Timestamp.from(now));
    }

    /** Ids of pending sessions holding a value sealed under another key than {@code keyId}. */
    public List<String> pendingIdsNotUnder(String keyId) {
        return jdbc.queryForList("SELECT id FROM " + TABLE + " WHERE status = 'pending' AND"
                + " (poll_token_key_id <> ? OR received_key_id <> ? OR code_verifier_key_id <> ?)", String.class,
                keyId, keyId, keyId);
    }

    /**
     * Re-seals what a pending session holds (poll token, received app password, PKCE verifier) under the vault's
     * active key, holding the row's lock; call it in a transaction. A poller on another replica that already read
     * the row writes its result after the lock is released, sealed under the active key anyway.
     *
     * @return false when the session is no longer pending (its secrets were erased) or had nothing to move
     */
    public boolean reseal(String id) {
        Optional<ProvisioningSession> locked = jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE id = ? AND status = 'pending' FOR UPDATE", ROWS, id).stream().findFirst();
        if (locked.isEmpty()) {
            return false;
        }
        ProvisioningSession session = locked.get();
        Vault.Sealed pollToken = resealed(session.pollToken(), aad(session.id(), session.subject(), session.kind(),
                "poll_token"));
        Vault.Sealed received = resealed(session.receivedSecret(), aad(session.id(), session.subject(),
                session.kind(), "received"));
        Vault.Sealed verifier = resealed(session.codeVerifier(), aad(session.id(), session.subject(), session.kind(),
                "code_verifier"));
        if (pollToken == session.pollToken() && received == session.receivedSecret()
                && verifier == session.codeVerifier()) {
            return false;
        }
        jdbc.update("UPDATE " + TABLE + " SET poll_token = ?, poll_token_key_id = ?, received_secret = ?,"
                + " received_key_id = ?, code_verifier = ?, code_verifier_key_id = ? WHERE id = ?",
                pollToken == null ? null : pollToken.ciphertext(), pollToken == null ? null : pollToken.keyId(),
                received == null ? null : received.ciphertext(), received == null ? null : received.keyId(),
                verifier == null ? null : verifier.ciphertext(), verifier == null ? null : verifier.keyId(), id);
        return true;
    }

    /** The same value sealed under the active key; the very same object when it already is (or is absent). */
    private Vault.Sealed resealed(Vault.Sealed value, String associatedData) {
        if (value == null || value.keyId().equals(vault.activeKeyId())) {
            return value;
        }
        return vault.seal(vault.open(value, associatedData), associatedData);
    }

    /** Pending sessions holding a value sealed under another key than {@code keyId} (they need that key still). */
    public int pendingNotUnder(String keyId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM " + TABLE + " WHERE status = 'pending' AND"
                + " (poll_token_key_id <> ? OR received_key_id <> ? OR code_verifier_key_id <> ?)", Integer.class,
                keyId, keyId, keyId);
        return count == null ? 0 : count;
    }

    public String openPollToken(ProvisioningSession session) {
        return vault.open(session.pollToken(), aad(session.id(), session.subject(), session.kind(), "poll_token"));
    }

    public String openReceived(ProvisioningSession session) {
        return vault.open(session.receivedSecret(), aad(session.id(), session.subject(), session.kind(), "received"));
    }

    public String openCodeVerifier(ProvisioningSession session) {
        return vault.open(session.codeVerifier(), aad(session.id(), session.subject(), session.kind(), "code_verifier"));
    }

    private static String aad(String id, String subject, ProvisioningKind kind, String field) {
        return Vault.bind(TABLE, subject, kind.value(), id + "/" + field);
    }

    private static String randomId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Vault.Sealed sealed(ResultSet rs, String column, String keyColumn) throws SQLException {
        byte[] value = rs.getBytes(column);
        return value == null ? null : new Vault.Sealed(rs.getString(keyColumn), value);
    }

    private static final RowMapper<ProvisioningSession> ROWS = (rs, i) -> new ProvisioningSession(rs.getString("id"),
            rs.getString("subject"), ProvisioningKind.tryParse(rs.getString("kind")).orElseThrow(),
            ScopeSet.parse(rs.getString("scopes")), ProvisioningSession.State.parse(rs.getString("status")),
            rs.getString("detail"), rs.getString("poll_endpoint"), sealed(rs, "poll_token", "poll_token_key_id"),
            rs.getString("login_url"), rs.getString("received_login"),
            sealed(rs, "received_secret", "received_key_id"), rs.getString("oauth_state"),
            sealed(rs, "code_verifier", "code_verifier_key_id"), instant(rs, "created_at"), instant(rs, "updated_at"),
            instant(rs, "expires_at"));
}
