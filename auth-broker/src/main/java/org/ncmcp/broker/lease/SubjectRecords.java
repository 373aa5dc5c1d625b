package org.ncmcp.broker.lease;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ncmcp.broker.provisioning.NextcloudCredentials;
import org.ncmcp.broker.provisioning.StoredCredential;
import org.ncmcp.broker.token.ActiveAccessTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What every lease and status decision reads from the database, in one round trip: whether the subject token is still
 * live in the authorization store, and the person's stored credential. On the lease path the round trips (and
 * PostgreSQL's share of the same CPUs) were a fifth of a lease's cost; two separate queries doubled that.
 */
@Repository
class SubjectRecords {

    /** A live subject token, and the person's credential if they connected Nextcloud. */
    record Live(Optional<StoredCredential> credential) {
    }

    private static final String QUERY = "SELECT a." + ActiveAccessTokens.EXPIRES_AT + " AS token_expires_at, a."
            + ActiveAccessTokens.METADATA + " AS token_metadata, " + NextcloudCredentials.columns("c")
            // the credential is joined on the verified subject, not on whatever the authorization row names
            + " FROM oauth2_authorization a LEFT JOIN nextcloud_credential c ON c.subject = ?"
            + " WHERE a." + ActiveAccessTokens.VALUE + " = ?";

    private final JdbcTemplate jdbc;

    SubjectRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when no live authorization holds the token (unknown, expired, revoked or withdrawn). */
    Optional<Live> find(String token, String subject, Instant now) {
        List<Optional<Live>> rows = jdbc.query(QUERY, (rs, i) -> {
            if (!ActiveAccessTokens.live(rs.getTimestamp("token_expires_at"), rs.getString("token_metadata"), now)) {
                return Optional.<Live>empty();
            }
            return Optional.of(new Live(rs.getString("subject") == null ? Optional.empty()
                    : Optional.of(NextcloudCredentials.read(rs))));
        }, subject, ActiveAccessTokens.lookupValue(token));
        return rows.size() == 1 ? rows.get(0) : Optional.empty();
    }
}
