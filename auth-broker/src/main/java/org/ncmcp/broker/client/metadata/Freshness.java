package org.ncmcp.broker.client.metadata;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How long a response may be used, read from its cache headers (RFC 9111 §4.2.1, §5.2.2): {@code no-store}
 * forbids keeping it; {@code max-age} (less {@code Age}) wins over {@code Expires}; {@code no-cache} means
 * "revalidate every time", which for us (no conditional requests) is a lifetime of zero. We are the
 * consumer of the document, not an intermediary, so {@code s-maxage} and {@code private} do not apply.
 *
 * @param noStore the response must not be kept
 * @param lifetime the freshness lifetime the headers give, or null when they give none
 */
public record Freshness(boolean noStore, Duration lifetime) {

    static Freshness of(String cacheControl, String expires, String date, String age, Instant now) {
        Duration maxAge = null;
        boolean noCache = false;
        if (cacheControl != null) {
            for (String directive : cacheControl.split(",")) {
                String d = directive.trim().toLowerCase(Locale.ROOT);
                if (d.equals("no-store")) {
                    return new Freshness(true, Duration.ZERO);
                }
                if (d.equals("no-cache") || d.startsWith("no-cache=")) {
                    noCache = true;
                } else if (d.startsWith("max-age=")) {
                    maxAge = seconds(unquote(d.substring("max-age=".length())));
                }
            }
        }
        if (noCache) {
            return new Freshness(false, Duration.ZERO);
        }
        if (maxAge != null) {
            Duration ageValue = age == null ? Duration.ZERO : seconds(age.trim());
            Duration left = maxAge.minus(ageValue == null ? Duration.ZERO : ageValue);
            return new Freshness(false, left.isNegative() ? Duration.ZERO : left);
        }
        if (expires != null) {
            Instant expiresAt = httpDate(expires);
            if (expiresAt == null) {
                // RFC 9111 §5.3: an invalid Expires (such as "0") means already expired
                return new Freshness(false, Duration.ZERO);
            }
            Instant base = date == null ? null : httpDate(date);
            Duration left = Duration.between(base == null ? now : base, expiresAt);
            return new Freshness(false, left.isNegative() ? Duration.ZERO : left);
        }
        return new Freshness(false, null);
    }

    /** Delta-seconds; a value too large to represent counts as "very long" (RFC 9111 §1.2.2). */
    private static Duration seconds(String value) {
        if (value.isEmpty() || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException tooLarge) {
            return Duration.ofSeconds(Integer.MAX_VALUE);
        }
    }

    private static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
