package org.ncmcp.resource.apps.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ncmcp.resource.apps.calendar.caldav.CalendarObject;
import org.ncmcp.resource.apps.calendar.ical.ICalComponent;
import org.ncmcp.resource.apps.calendar.ical.ICalProperty;
import org.ncmcp.resource.apps.calendar.ical.ICalTime;
import org.ncmcp.resource.apps.calendar.ical.ICalendarText;
import org.ncmcp.resource.apps.calendar.ical.Recurrence;

/**
 * A VEVENT as read from an object: the master (the component without RECURRENCE-ID) and any overridden instances,
 * with the times the tools compute with. The parsed tree is kept so an update edits it in place.
 */
final class CalendarEvent {

    private final CalendarObject object;
    private final ICalComponent calendar;
    private final ICalComponent master;

    private CalendarEvent(CalendarObject object, ICalComponent calendar, ICalComponent master) {
        this.object = object;
        this.calendar = calendar;
        this.master = master;
    }

    /** The event of the object, or null when it holds none (e.g. a VTODO) or is not readable iCalendar. */
    static CalendarEvent of(CalendarObject object, String component) {
        ICalComponent calendar;
        try {
            calendar = ICalendarText.parse(object.ics());
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
        List<ICalComponent> items = calendar.components(component);
        ICalComponent master = items.stream().filter(c -> c.property("RECURRENCE-ID").isEmpty()).findFirst()
                .orElse(items.isEmpty() ? null : items.get(0));
        if (master == null || master.property("DTSTART").isEmpty() && component.equals("VEVENT")) {
            return null;
        }
        return new CalendarEvent(object, calendar, master);
    }

    CalendarObject object() {
        return object;
    }

    ICalComponent calendar() {
        return calendar;
    }

    ICalComponent master() {
        return master;
    }

    String uid() {
        return master.text("UID");
    }

    ICalTime start() {
        return ICalTime.of(master.property("DTSTART").orElseThrow());
    }

    /** DTEND, else DTSTART + DURATION, else RFC 5545 3.6.1's defaults (one day for DATE, zero otherwise). */
    Duration duration() {
        ICalTime start = start();
        if (master.property("DTEND").isPresent()) {
            try {
                return Duration.between(start.time(), ICalTime.of(master.property("DTEND").get()).time());
            } catch (IllegalArgumentException unreadable) {
                return Duration.ZERO;
            }
        }
        if (master.raw("DURATION") != null) {
            try {
                return parseDuration(master.raw("DURATION"));
            } catch (RuntimeException unreadable) {
                return Duration.ZERO;
            }
        }
        return start.allDay() ? Duration.ofDays(1) : Duration.ZERO;
    }

    boolean recurring() {
        return master.property("RRULE").isPresent();
    }

    /** Occurrence starts overlapping [from, to): the event itself, or its recurrences with overrides applied. */
    List<Occurrence> occurrences(Instant from, Instant to, int max) {
        ICalTime start = start();
        Duration duration = duration();
        List<Occurrence> out = new ArrayList<>();
        if (!recurring()) {
            if (overlaps(start.time().toInstant(), duration, from, to)) {
                out.add(new Occurrence(master, start.time(), duration, null));
            }
            return out;
        }
        Set<Instant> exdates = exdates();
        List<ICalComponent> overrides = calendar.components(master.name()).stream()
                .filter(c -> c.property("RECURRENCE-ID").isPresent() && c.property("DTSTART").isPresent()).toList();
        for (ICalComponent override : overrides) {
            exdates.add(ICalTime.of(override.property("RECURRENCE-ID").get()).time().toInstant());
        }
        List<ZonedDateTime> starts;
        try {
            starts = Recurrence.parse(master.raw("RRULE")).expand(start.time(), duration, exdates, from, to, max);
        } catch (IllegalArgumentException unsupported) {
            // a rule we cannot expand still shows its first occurrence rather than nothing
            starts = overlaps(start.time().toInstant(), duration, from, to) ? List.of(start.time()) : List.of();
        }
        for (ZonedDateTime occurrence : starts) {
            out.add(new Occurrence(master, occurrence, duration, new ICalTime(occurrence, start.allDay()).iso()));
        }
        for (ICalComponent override : overrides) {
            ICalTime overrideStart = ICalTime.of(override.property("DTSTART").get());
            Duration overrideDuration = new CalendarEvent(object, calendar, override).duration();
            if (overlaps(overrideStart.time().toInstant(), overrideDuration, from, to)) {
                out.add(new Occurrence(override, overrideStart.time(), overrideDuration,
                        ICalTime.of(override.property("RECURRENCE-ID").get()).iso()));
            }
        }
        out.sort(java.util.Comparator.comparing(o -> o.start().toInstant()));
        return out.size() > max ? out.subList(0, max) : out;
    }

    /** The starts the master's EXDATEs remove (unreadable values remove nothing). */
    Set<Instant> exdates() {
        Set<Instant> exdates = new HashSet<>();
        for (ICalProperty exdate : master.all("EXDATE")) {
            for (String value : exdate.value().split(",")) {
                try {
                    exdates.add(ICalTime.parse(value, exdate.parameter("TZID"),
                            "DATE".equalsIgnoreCase(exdate.parameter("VALUE"))).time().toInstant());
                } catch (IllegalArgumentException unreadable) {
                    // an unreadable EXDATE removes nothing
                }
            }
        }
        return exdates;
    }

    /** The component overriding the occurrence whose original start is {@code original}, if there is one. */
    Optional<ICalComponent> override(Instant original) {
        return calendar.components(master.name()).stream()
                .filter(c -> c.property("RECURRENCE-ID").map(id -> sameInstant(id, original)).orElse(false))
                .findFirst();
    }

    /** The start of the rule's occurrence originally at {@code original} (in the master's zone), if the rule has one. */
    Optional<ZonedDateTime> ruleOccurrence(Instant original) {
        if (!recurring()) {
            return Optional.empty();
        }
        try {
            return Recurrence.parse(master.raw("RRULE")).expand(start().time(), Duration.ZERO, Set.of(), original,
                    original.plusSeconds(1), 2).stream().filter(start -> start.toInstant().equals(original))
                    .findFirst();
        } catch (IllegalArgumentException unsupported) {
            return Optional.empty();
        }
    }

    private static boolean sameInstant(ICalProperty recurrenceId, Instant original) {
        try {
            return ICalTime.of(recurrenceId).time().toInstant().equals(original);
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    /**
     * One occurrence: the component describing it (the master, or an override), its start and duration, and the
     * RECURRENCE-ID it has as an instance of a recurring event (null for a single event).
     */
    record Occurrence(ICalComponent component, ZonedDateTime start, Duration duration, String recurrenceId) {

        ZonedDateTime end() {
            return start.plus(duration);
        }
    }

    /** RFC 5545 3.3.6 dur-value; weeks become days, which java.time's ISO-8601 parser lacks. */
    static Duration parseDuration(String value) {
        String weeks = value.trim().replaceFirst("^([+-]?)P(\\d+)W$", "$2");
        if (!weeks.equals(value.trim())) {
            return Duration.ofDays(7L * Long.parseLong(weeks)).multipliedBy(value.trim().startsWith("-") ? -1 : 1);
        }
        return Duration.parse(value.trim());
    }

    static boolean overlaps(Instant start, Duration duration, Instant from, Instant to) {
        Instant end = start.plus(duration);
        boolean afterFrom = from == null || end.isAfter(from) || (duration.isZero() && !start.isBefore(from));
        boolean beforeTo = to == null || start.isBefore(to);
        return afterFrom && beforeTo;
    }

    static List<String> categories(ICalComponent component) {
        List<String> out = new ArrayList<>();
        for (ICalProperty property : component.all("CATEGORIES")) {
            // commas separate values (RFC 5545 3.8.1.2); an escaped comma belongs to the value
            for (String part : property.value().split("(?<!\\\\),")) {
                String text = ICalProperty.unescape(part).trim();
                if (!text.isEmpty()) {
                    out.add(text);
                }
            }
        }
        return out;
    }

    static List<String> attendees(ICalComponent component) {
        return component.all("ATTENDEE").stream().map(CalendarEvent::person).toList();
    }

    /** {@code mailto:bob@example.com} with CN=Bob → {@code Bob <bob@example.com>}. */
    static String person(ICalProperty property) {
        String address = property.value().replaceFirst("(?i)^mailto:", "");
        String name = property.parameter("CN");
        return name == null || name.isBlank() ? address : name + " <" + address + ">";
    }

    static String upper(String value) {
        return value == null ? null : value.trim().toUpperCase(Locale.ROOT);
    }

    static List<String> split(String commaList) {
        return commaList == null ? List.of() : Arrays.stream(commaList.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }
}
