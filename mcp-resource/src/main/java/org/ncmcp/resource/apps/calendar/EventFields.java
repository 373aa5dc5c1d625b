package org.ncmcp.resource.apps.calendar;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ncmcp.resource.apps.calendar.ical.ICalComponent;
import org.ncmcp.resource.apps.calendar.ical.ICalProperty;
import org.ncmcp.resource.apps.calendar.ical.ICalTime;
import org.ncmcp.resource.apps.calendar.ical.Recurrence;
import org.ncmcp.resource.tool.InvalidToolInputException;

/**
 * Reads tool input values (dates, statuses, attendees, …) and writes them into a VEVENT or VTODO. Every setter
 * touches only its own properties, so whatever else the component holds (X- properties, ORGANIZER, alarms it does
 * not manage) survives an update.
 */
public final class EventFields {

    private static final Pattern EMAIL = Pattern.compile("[^\\s<>@]+@[^\\s<>@]+");
    private static final Pattern PERSON = Pattern.compile("\\s*(.*?)\\s*<\\s*([^<>\\s]+@[^<>\\s]+)\\s*>\\s*");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}|[a-zA-Z]{3,20}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private EventFields() {
    }

    /** An ISO-8601 date (all-day) or date-time with offset/Z; a date-time without offset is read as UTC. */
    public static ICalTime time(String field, String value) {
        ICalTime time = time(field, value, null);
        // without an explicit zone, a "…[Europe/Berlin]" suffix only fixes the instant (written as UTC)
        return time.tzid() == null ? time : new ICalTime(time.time().withZoneSameInstant(ZoneOffset.UTC), false);
    }

    /**
     * An ISO-8601 date (all-day) or date-time. With {@code zone} (an IANA zone), a local date-time is that wall-clock
     * time in the zone and one with an offset or Z is the same instant expressed in the zone; either is then written
     * with {@code TZID=zone}. Without it, a local date-time is read as UTC.
     */
    public static ICalTime time(String field, String value, ZoneId zone) {
        String text = value.trim();
        try {
            if (text.length() == 10) {
                return new ICalTime(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC), true);
            }
            ZonedDateTime parsed;
            try {
                parsed = OffsetDateTime.parse(text).toZonedDateTime();
            } catch (DateTimeException noOffset) {
                try {
                    parsed = ZonedDateTime.parse(text);
                } catch (DateTimeException noZone) {
                    return new ICalTime(java.time.LocalDateTime.parse(text).atZone(zone == null ? ZoneOffset.UTC
                            : zone), false);
                }
            }
            return new ICalTime(zone == null ? parsed : parsed.withZoneSameInstant(zone), false);
        } catch (DateTimeException unreadable) {
            throw new InvalidToolInputException("'" + field + "' is not an ISO-8601 date or date-time: '" + value
                    + "' (e.g. 2026-12-03, 2026-12-03T10:00:00+01:00, or 2026-12-03T10:00:00 with a timezone).");
        }
    }

    /** An IANA time zone id such as Europe/Berlin, or null when none is given; "UTC" is plain UTC. */
    public static ZoneId zone(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            ZoneId zone = ZoneId.of(value.trim());
            return zone.normalized().equals(ZoneOffset.UTC) ? ZoneOffset.UTC : zone;
        } catch (DateTimeException unknown) {
            throw new InvalidToolInputException("'" + field + "' is not a known IANA time zone id: '" + value
                    + "' (e.g. Europe/Berlin, America/New_York or UTC).");
        }
    }

    public static Instant instant(String field, String value) {
        return time(field, value).time().toInstant();
    }

    public static String choice(String field, String value, Set<String> allowed) {
        String upper = value.trim().toUpperCase(Locale.ROOT).replace('_', '-');
        if (!allowed.contains(upper)) {
            throw new InvalidToolInputException("'" + field + "' must be one of " + String.join(", ",
                    allowed.stream().sorted().toList()) + " (got '" + value + "').");
        }
        return upper;
    }

    /** Checks an RRULE can be expanded here, and that it carries no UNTIL/COUNT when those are given apart. */
    public static String rrule(String value, String until, Integer count) {
        String rule = value.trim().replaceFirst("(?i)^RRULE:", "");
        if (until != null || count != null) {
            if (rule.toUpperCase(Locale.ROOT).matches(".*(UNTIL|COUNT)=.*")) {
                throw new InvalidToolInputException("give the end either inside 'recurrence' (UNTIL/COUNT) or as"
                        + " recurrenceEnd/recurrenceCount, not both.");
            }
            if (until != null && count != null) {
                throw new InvalidToolInputException("give recurrenceEnd or recurrenceCount, not both.");
            }
            rule += until != null ? ";UNTIL=" + time("recurrenceEnd", until).time().toLocalDate()
                    .format(DateTimeFormatter.BASIC_ISO_DATE) + "T235959Z" : ";COUNT=" + count;
        }
        try {
            Recurrence.parse(rule);
        } catch (IllegalArgumentException unsupported) {
            throw new InvalidToolInputException("'recurrence' " + unsupported.getMessage() + ".");
        }
        return rule.toUpperCase(Locale.ROOT);
    }

    public static void times(ICalComponent component, ICalTime start, ICalTime end) {
        if (start.allDay() != end.allDay()) {
            throw new InvalidToolInputException("start and end must both be dates (all-day) or both date-times.");
        }
        if (!end.time().isAfter(start.time())) {
            throw new InvalidToolInputException("the end (" + end.iso() + ") must be after the start ("
                    + start.iso() + ").");
        }
        component.set(start.toProperty("DTSTART"));
        component.remove("DURATION");
        component.set(end.toProperty("DTEND"));
    }

    public static void priority(ICalComponent component, Integer priority) {
        if (priority == null || priority == 0) {
            component.remove("PRIORITY");
        } else {
            component.set(new ICalProperty("PRIORITY", Map.of(), String.valueOf(priority)));
        }
    }

    public static void categories(ICalComponent component, List<String> categories) {
        component.remove("CATEGORIES");
        List<String> clean = categories.stream().filter(c -> c != null && !c.isBlank()).map(String::trim).toList();
        if (!clean.isEmpty()) {
            component.add(new ICalProperty("CATEGORIES", Map.of(),
                    String.join(",", clean.stream().map(ICalProperty::escape).toList())));
        }
    }

    public static void attendees(ICalComponent component, List<String> attendees) {
        component.remove("ATTENDEE");
        for (String attendee : attendees) {
            component.add(attendee(attendee));
        }
    }

    public static ICalProperty attendee(String text) {
        String name = null;
        String address = text.trim();
        var person = PERSON.matcher(text);
        if (person.matches()) {
            name = person.group(1).replace("\"", "");
            address = person.group(2);
        }
        address = address.replaceFirst("(?i)^mailto:", "");
        if (!EMAIL.matcher(address).matches()) {
            throw new InvalidToolInputException("attendee '" + text + "' is not an e-mail address (e.g."
                    + " bob@example.com or Bob <bob@example.com>).");
        }
        ICalProperty property = new ICalProperty("ATTENDEE", Map.of(), "mailto:" + address);
        if (name != null && !name.isBlank()) {
            property.parameter("CN", name);
        }
        property.parameter("ROLE", "REQ-PARTICIPANT").parameter("PARTSTAT", "NEEDS-ACTION").parameter("RSVP", "TRUE");
        return property;
    }

    public static void color(ICalComponent component, String color) {
        if (color == null || color.isBlank()) {
            component.remove("COLOR");
            return;
        }
        if (!COLOR.matcher(color.trim()).matches()) {
            throw new InvalidToolInputException("'color' must be #rrggbb or a CSS colour name (got '" + color + "').");
        }
        component.set(new ICalProperty("COLOR", Map.of(), color.trim()));
    }

    public static void url(ICalComponent component, String url) {
        if (url == null || url.isBlank()) {
            component.remove("URL");
            return;
        }
        try {
            java.net.URI uri = new java.net.URI(url.trim());
            if (uri.getScheme() == null) {
                throw new java.net.URISyntaxException(url, "no scheme");
            }
        } catch (java.net.URISyntaxException notAUri) {
            throw new InvalidToolInputException("'url' is not an absolute URL (e.g. https://example.com/x).");
        }
        component.set(new ICalProperty("URL", Map.of(), url.trim()));
    }

    /** Replaces the alarms this tool writes (DISPLAY, relative to the start); other alarms stay. */
    public static void reminders(ICalComponent component, List<Integer> minutesBefore, String title) {
        component.components().removeIf(alarm -> alarm.name().equals("VALARM")
                && "DISPLAY".equalsIgnoreCase(alarm.raw("ACTION")) && alarm.property("TRIGGER")
                        .map(t -> t.parameter("RELATED") == null || "START".equalsIgnoreCase(t.parameter("RELATED")))
                        .orElse(false) && alarm.property("TRIGGER").map(t -> t.parameter("VALUE") == null)
                        .orElse(false));
        for (Integer minutes : minutesBefore) {
            if (minutes == null || minutes < 0 || minutes > 525600) {
                throw new InvalidToolInputException("reminders are minutes before the start, 0 to 525600.");
            }
            ICalComponent alarm = new ICalComponent("VALARM");
            alarm.add(new ICalProperty("ACTION", Map.of(), "DISPLAY"));
            alarm.add(ICalProperty.text("DESCRIPTION", title == null ? "Reminder" : title));
            alarm.add(new ICalProperty("TRIGGER", Map.of(), minutes == 0 ? "PT0S" : "-PT" + minutes + "M"));
            component.components().add(alarm);
        }
    }

    public static List<Long> reminders(ICalComponent component) {
        return component.components("VALARM").stream().map(alarm -> alarm.property("TRIGGER").orElse(null))
                .filter(t -> t != null && t.parameter("VALUE") == null
                        && !"END".equalsIgnoreCase(t.parameter("RELATED")))
                .map(t -> {
                    try {
                        return -CalendarEvent.parseDuration(t.value()).toMinutes();
                    } catch (RuntimeException unreadable) {
                        return null;
                    }
                })
                .filter(m -> m != null).toList();
    }

    /** RFC 5545 requires DTSTAMP; LAST-MODIFIED and SEQUENCE tell other clients the event changed. */
    public static void touch(ICalComponent component, boolean created) {
        String now = STAMP.format(Instant.now());
        component.set(new ICalProperty("DTSTAMP", Map.of(), now));
        component.set(new ICalProperty("LAST-MODIFIED", Map.of(), now));
        if (created) {
            component.set(new ICalProperty("CREATED", Map.of(), now));
        } else {
            int sequence = 0;
            try {
                sequence = Integer.parseInt(component.raw("SEQUENCE") == null ? "0" : component.raw("SEQUENCE").trim());
            } catch (NumberFormatException unreadable) {
                sequence = 0;
            }
            component.set(new ICalProperty("SEQUENCE", Map.of(), String.valueOf(sequence + 1)));
        }
    }

    /** The CATEGORIES values of a component (several properties, comma lists, escaped commas kept). */
    public static List<String> readCategories(ICalComponent component) {
        return CalendarEvent.categories(component);
    }

    public static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}
