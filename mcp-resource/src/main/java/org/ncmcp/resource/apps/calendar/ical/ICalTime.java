package org.ncmcp.resource.apps.calendar.ical;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A DATE or DATE-TIME value (RFC 5545 3.3.4/3.3.5): UTC ({@code …Z}), with a TZID, floating (read as UTC, the
 * server's zone being unknown to us), or an all-day DATE (midnight UTC for range arithmetic).
 */
public record ICalTime(ZonedDateTime time, boolean allDay) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    public static ICalTime of(ICalProperty property) {
        return parse(property.value(), property.parameter("TZID"), "DATE".equalsIgnoreCase(property.parameter("VALUE")));
    }

    public static ICalTime parse(String raw, String tzid, boolean dateOnly) {
        String value = raw.trim();
        try {
            if (dateOnly || value.length() == 8) {
                return new ICalTime(LocalDate.parse(value.substring(0, 8), DATE).atStartOfDay(ZoneOffset.UTC), true);
            }
            if (value.endsWith("Z")) {
                return new ICalTime(LocalDateTime.parse(value.substring(0, value.length() - 1), LOCAL)
                        .atZone(ZoneOffset.UTC), false);
            }
            return new ICalTime(LocalDateTime.parse(value, LOCAL).atZone(zone(tzid)), false);
        } catch (DateTimeException unreadable) {
            throw new IllegalArgumentException("not an iCalendar date or date-time: " + value, unreadable);
        }
    }

    /** Olson ids as Nextcloud writes them; anything else (Windows names, custom ids) is read as UTC. */
    private static ZoneId zone(String tzid) {
        if (tzid == null) {
            return ZoneOffset.UTC;
        }
        try {
            ZoneId zone = ZoneId.of(tzid.startsWith("/") ? tzid.substring(1) : tzid);
            // "UTC", "Etc/UTC": plain UTC, written back as …Z rather than with a TZID
            return zone.normalized().equals(ZoneOffset.UTC) ? ZoneOffset.UTC : zone;
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    /**
     * The property to write: {@code VALUE=DATE} for all-day; {@code TZID=<zone>} with the local time when the time
     * is in a named zone (RFC 5545 3.2.19, so recurrences keep their wall-clock time across DST); else UTC.
     */
    public ICalProperty toProperty(String name) {
        ICalProperty property = new ICalProperty(name, java.util.Map.of(), format());
        if (allDay) {
            property.parameter("VALUE", "DATE");
        } else if (tzid() != null) {
            property.parameter("TZID", tzid());
        }
        return property;
    }

    public String format() {
        if (allDay) {
            return time.toLocalDate().format(DATE);
        }
        return tzid() != null ? time.toLocalDateTime().format(LOCAL)
                : time.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime().format(LOCAL) + "Z";
    }

    /** The IANA zone id of a local time in a named zone, or null for UTC, fixed offsets and dates. */
    public String tzid() {
        return allDay || time.getZone() instanceof ZoneOffset ? null : time.getZone().getId();
    }

    /**
     * ISO-8601 for people: {@code 2026-12-03} for all-day, the local time with its offset for a time in a named
     * zone ({@code 2026-12-03T10:00+01:00}), else UTC ({@code 2026-12-03T09:00Z}).
     */
    public String iso() {
        if (allDay) {
            return time.toLocalDate().toString();
        }
        return tzid() != null ? time.toOffsetDateTime().toString()
                : time.withZoneSameInstant(ZoneOffset.UTC).toOffsetDateTime().toString();
    }
}
