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
            return ZoneId.of(tzid.startsWith("/") ? tzid.substring(1) : tzid);
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    /** The property to write: {@code VALUE=DATE} for all-day, else UTC. */
    public ICalProperty toProperty(String name) {
        ICalProperty property = new ICalProperty(name, java.util.Map.of(), format());
        if (allDay) {
            property.parameter("VALUE", "DATE");
        }
        return property;
    }

    public String format() {
        return allDay ? time.toLocalDate().format(DATE)
                : time.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime().format(LOCAL) + "Z";
    }

    /** ISO-8601 for people: {@code 2026-12-03} for all-day, else {@code 2026-12-03T10:00:00Z}. */
    public String iso() {
        return allDay ? time.toLocalDate().toString()
                : time.withZoneSameInstant(ZoneOffset.UTC).toOffsetDateTime().toString();
    }
}
