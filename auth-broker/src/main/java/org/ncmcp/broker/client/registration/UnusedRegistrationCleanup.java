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
 * Deletes dynamic registrations that never obtained a token within the expiry (clients register on
 * every start, and abandoned registrations would pile up), and old rate-limit windows.
 */
@Component
public class UnusedRegistrationCleanup {

    private static final Logger log = LoggerFactory.getLogger(UnusedRegistrationCleanup.class);

    private final JdbcTemplate jdbc;
    private final RegistrationProperties properties;

    public UnusedRegistrationCleanup(JdbcTemplate jdbc, RegistrationProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
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
        jdbc.update("DELETE FROM oauth2_authorization a WHERE NOT EXISTS"
                + " (SELECT 1 FROM oauth2_registered_client c WHERE c.id = a.registered_client_id)");
        jdbc.update("DELETE FROM rate_limit_window WHERE window_start < ?",
                Timestamp.from(Instant.now().minusSeconds(86_400)));
        if (deleted > 0) {
            log.info("Deleted {} client registration(s) never used since {}", deleted, cutoff);
        }
        return deleted;
    }
}
