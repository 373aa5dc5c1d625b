package org.ncmcp.broker.client.registration;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fixed-window counters in PostgreSQL, so the limit holds across all broker replicas. One upsert per
 * hit; old windows are deleted by {@link UnusedRegistrationCleanup}.
 */
@Component
public class RateLimiter {

    /** The outcome of one hit: allowed, or refused until {@code retryAfter} has passed. */
    public record Decision(boolean allowed, Duration retryAfter) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public RateLimiter(JdbcTemplate jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    RateLimiter(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Decision hit(String key, int max, Duration window) {
        Instant now = clock.instant();
        long windowMillis = window.toMillis();
        Instant start = Instant.ofEpochMilli(now.toEpochMilli() - now.toEpochMilli() % windowMillis);
        Integer hits = jdbc.queryForObject("""
                INSERT INTO rate_limit_window (limit_key, window_start, hits) VALUES (?, ?, 1)
                ON CONFLICT (limit_key, window_start) DO UPDATE SET hits = rate_limit_window.hits + 1
                RETURNING hits""", Integer.class, key, Timestamp.from(start));
        if (hits != null && hits <= max) {
            return new Decision(true, Duration.ZERO);
        }
        Duration retryAfter = Duration.between(now, start.plus(window));
        return new Decision(false, retryAfter.isNegative() ? Duration.ZERO : retryAfter);
    }
}
