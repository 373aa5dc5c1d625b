package org.ncmcp.broker.client.registration;

import java.sql.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Housekeeping of what would otherwise pile up: dynamic registrations that never obtained a token within
 * the expiry (clients register on every start), authorizations whose every token has expired, the
 * refresh-token history of families that are gone or past their lifetime, and old rate-limit windows.
 */
@Component
public class UnusedRegistrationCleanup {

    private static final Logger log = LoggerFactory.getLogger(UnusedRegistrationCleanup.class);

    private final JdbcTemplate jdbc;
    private final RegistrationProperties properties;
    private final org.ncmcp.broker.server.BrokerProperties broker;

    public UnusedRegistrationCleanup(JdbcTemplate jdbc, RegistrationProperties properties,
            org.ncmcp.broker.server.BrokerProperties broker) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.broker = broker;
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    @Transactional
    public int purge() {
        return purgeRegisteredBefore(Instant.now().minus(properties.unusedExpiry()));
    }

    @Transactional
    public int purgeRegisteredBefore(Instant cutoff) {
        Timestamp before = Timestamp.from(cutoff);
        int deleted = jdbc.update("""
                DELETE FROM oauth2_registered_client c USING client_registration r
                WHERE r.registered_client_id = c.id AND r.first_used_at IS NULL AND r.registered_at < ?""", before);
        jdbc.update("DELETE FROM client_registration WHERE first_used_at IS NULL AND registered_at < ?", before);
        // authorizations of deleted registrations; metadata-document clients are never stored, so never orphans
        jdbc.update("DELETE FROM oauth2_authorization a WHERE a.registered_client_id NOT LIKE 'cimd:%' AND NOT EXISTS"
                + " (SELECT 1 FROM oauth2_registered_client c WHERE c.id = a.registered_client_id)");
        jdbc.update("DELETE FROM rate_limit_window WHERE window_start < ?",
                Timestamp.from(Instant.now().minusSeconds(86_400)));
        Timestamp now = Timestamp.from(Instant.now());
        // a sign-in whose refresh token (or, without one, whose access token or code) has expired is over
        jdbc.update("""
                DELETE FROM oauth2_authorization WHERE coalesce(refresh_token_expires_at, access_token_expires_at,
                  authorization_code_expires_at) < ?""", now);
        // reuse detection needs a used token's record only while its family can still be refreshed
        jdbc.update("""
                DELETE FROM refresh_token_use u WHERE u.used_at < ? OR NOT EXISTS
                  (SELECT 1 FROM oauth2_authorization a WHERE a.id = u.authorization_id)""",
                Timestamp.from(Instant.now().minus(broker.refreshTokenTtl())));
        if (deleted > 0) {
            log.info("Deleted {} client registration(s) never used since {}", deleted, cutoff);
        }
        return deleted;
    }
}
