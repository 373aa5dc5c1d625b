package org.ncmcp.broker.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reading the audit log back, newest first, for administrators. */
@Repository
public class AuditEvents {

    /** One recorded event; {@code detail} never holds a secret (see {@link AuditLog}). */
    public record AuditEvent(long id, Instant occurredAt, String eventType, String subject, String clientId,
            String outcome, String detail) {
    }

    /**
     * Which events: all conditions optional.
     *
     * @param subject only this person's events
     * @param from at or after this instant
     * @param to before this instant
     */
    public record Filter(String subject, Instant from, Instant to) {
    }

    private final JdbcTemplate jdbc;

    public AuditEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long count(Filter filter) {
        List<Object> arguments = new ArrayList<>();
        Long count = jdbc.queryForObject("SELECT count(*) FROM audit_event" + where(filter, arguments), Long.class,
                arguments.toArray());
        return count == null ? 0 : count;
    }

    public List<AuditEvent> page(Filter filter, long offset, int limit) {
        List<Object> arguments = new ArrayList<>();
        String sql = "SELECT id, occurred_at, event_type, subject, client_id, outcome, detail FROM audit_event"
                + where(filter, arguments) + " ORDER BY occurred_at DESC, id DESC OFFSET ? LIMIT ?";
        arguments.add(offset);
        arguments.add(limit);
        return jdbc.query(sql, (rs, i) -> new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("event_type"), rs.getString("subject"), rs.getString("client_id"), rs.getString("outcome"),
                rs.getString("detail")), arguments.toArray());
    }

    private static String where(Filter filter, List<Object> arguments) {
        List<String> conditions = new ArrayList<>();
        if (filter.subject() != null) {
            conditions.add("subject = ?");
            arguments.add(filter.subject());
        }
        if (filter.from() != null) {
            conditions.add("occurred_at >= ?");
            arguments.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("occurred_at < ?");
            arguments.add(Timestamp.from(filter.to()));
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
