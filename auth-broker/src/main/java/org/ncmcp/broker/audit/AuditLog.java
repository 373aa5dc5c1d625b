package org.ncmcp.broker.audit;

import java.sql.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Security-relevant events, in the database (for the admin API) and the log. Never given a secret. */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("audit");

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String eventType, String subject, String clientId, String outcome, String detail) {
        jdbc.update("INSERT INTO audit_event (occurred_at, event_type, subject, client_id, outcome, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)", Timestamp.from(Instant.now()), eventType, subject, clientId, outcome,
                detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000));
        log.info("{} subject={} client={} outcome={} {}", eventType, subject, clientId, outcome,
                detail == null ? "" : detail);
    }
}
