package org.ncmcp.model.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads RFC 9110 §10.2.3 {@code Retry-After}: delay-seconds or an HTTP-date. Both services honour it when a server
 * answers 429 or 503 (mcp-resource from Nextcloud, the broker from the upstream IdP's registration endpoint).
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The delay asked for; empty when the header is absent or unreadable. A date in the past is no delay; seconds
     * too many for a {@code long} are the longest delay there is, so every caller's limit refuses them.
     */
    public static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
            } catch (NumberFormatException tooLong) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration delay = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
