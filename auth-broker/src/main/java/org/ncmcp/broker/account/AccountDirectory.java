package org.ncmcp.broker.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Everyone who signed in to the broker, with a summary of their Nextcloud access, for administrators. */
@Repository
public class AccountDirectory {

    /**
     * One person.
     *
     * @param nextcloudUser the Nextcloud user id the IdP names for them
     * @param kind their credential's kind, or null when not connected
     * @param scopes their granted scopes (space-separated, as in a token), or null when not connected
     */
    public record Account(String subject, String nextcloudUser, String displayName, String email, boolean admin,
            Instant firstLoginAt, Instant lastLoginAt, boolean provisioned, String kind, String scopes,
            boolean revoked) {
    }

    private final JdbcTemplate jdbc;

    public AccountDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM broker_user", Long.class);
        return count == null ? 0 : count;
    }

    /** A page in a stable order: first sign-in, then subject. */
    public List<Account> page(long offset, int limit) {
        return jdbc.query("""
                SELECT u.subject, u.nextcloud_user_id, u.display_name, u.email, u.admin, u.first_login_at,
                       u.last_login_at, c.kind, c.scopes, c.revoked_at
                FROM broker_user u LEFT JOIN nextcloud_credential c ON c.subject = u.subject
                ORDER BY u.first_login_at, u.subject
                OFFSET ? LIMIT ?""", (rs, i) -> new Account(rs.getString("subject"),
                rs.getString("nextcloud_user_id"), rs.getString("display_name"), rs.getString("email"),
                rs.getBoolean("admin"), instant(rs, "first_login_at"), instant(rs, "last_login_at"),
                rs.getString("kind") != null && rs.getTimestamp("revoked_at") == null, rs.getString("kind"),
                rs.getString("scopes"), rs.getTimestamp("revoked_at") != null), offset, limit);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
