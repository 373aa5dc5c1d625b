package org.ncmcp.broker.login;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** People who signed in through the upstream IdP, keyed by their stable upstream subject. */
@Repository
public class BrokerUsers {

    public record BrokerUser(String subject, String issuer, String nextcloudUserId, String displayName, String email,
            boolean admin) {
    }

    private final JdbcTemplate jdbc;

    public BrokerUsers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void recordLogin(BrokerUser user, Instant now) {
        jdbc.update("""
                INSERT INTO broker_user (subject, issuer, nextcloud_user_id, display_name, email, admin, first_login_at,
                  last_login_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (subject) DO UPDATE SET issuer = EXCLUDED.issuer,
                  nextcloud_user_id = EXCLUDED.nextcloud_user_id, display_name = EXCLUDED.display_name,
                  email = EXCLUDED.email, admin = EXCLUDED.admin, last_login_at = EXCLUDED.last_login_at""",
                user.subject(), user.issuer(), user.nextcloudUserId(), user.displayName(), user.email(), user.admin(),
                Timestamp.from(now), Timestamp.from(now));
    }

    public Optional<BrokerUser> find(String subject) {
        return jdbc.query("SELECT subject, issuer, nextcloud_user_id, display_name, email, admin FROM broker_user"
                + " WHERE subject = ?", (rs, i) -> new BrokerUser(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBoolean(6)), subject).stream().findFirst();
    }
}
