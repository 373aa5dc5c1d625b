package org.ncmcp.broker.token;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether an access token of ours is still live in the authorization store (not revoked, not expired): one indexed
 * query on its hash and a look at its metadata. The full Spring lookup also loads and parses the authorization's
 * attributes and its client, which is most of a credential lease's cost and not needed to answer this.
 */
@Repository
public class ActiveAccessTokens {

    private static final String INVALIDATED = "metadata.token.invalidated";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    public ActiveAccessTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isActive(String token, Instant now) {
        List<Boolean> live = jdbc.query("SELECT access_token_expires_at, access_token_metadata FROM oauth2_authorization"
                + " WHERE access_token_value = ?", (rs, i) -> {
                    Timestamp expires = rs.getTimestamp(1);
                    return expires != null && expires.toInstant().isAfter(now) && !invalidated(rs.getString(2));
                }, TokenHashes.stored(token));
        return live.size() == 1 && live.get(0);
    }

    private static boolean invalidated(String metadata) {
        if (metadata == null) {
            return false;
        }
        try {
            return JSON.readTree(metadata).path(INVALIDATED).asBoolean(false);
        } catch (JacksonException unreadable) {
            return true; // what cannot be read is not trusted
        }
    }
}
