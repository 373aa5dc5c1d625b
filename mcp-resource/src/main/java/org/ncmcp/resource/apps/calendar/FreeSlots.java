package org.ncmcp.resource.apps.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Free time between busy intervals: within [from, to), inside working hours of each day (in {@code zone}),
 * optionally skipping Saturdays and Sundays, keeping only gaps of at least {@code minimum}.
 */
final class FreeSlots {

    record Interval(Instant start, Instant end) {
    }

    private FreeSlots() {
    }

    static List<Interval> find(List<Interval> busy, Instant from, Instant to, Duration minimum, LocalTime dayStart,
            LocalTime dayEnd, ZoneId zone, boolean excludeWeekends, int max) {
        List<Interval> sorted = busy.stream().filter(b -> b.end().isAfter(from) && b.start().isBefore(to))
                .sorted(Comparator.comparing(Interval::start)).toList();
        List<Interval> free = new ArrayList<>();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.atStartOfDay(zone).toInstant().isAfter(to);
                day = day.plusDays(1)) {
            if (excludeWeekends && (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY)) {
                continue;
            }
            Instant windowStart = max(day.atTime(dayStart).atZone(zone).toInstant(), from);
            Instant windowEnd = min(dayEnd.equals(LocalTime.MIDNIGHT) ? day.plusDays(1).atStartOfDay(zone).toInstant()
                    : day.atTime(dayEnd).atZone(zone).toInstant(), to);
            Instant cursor = windowStart;
            for (Interval b : sorted) {
                if (!b.end().isAfter(cursor) || !b.start().isBefore(windowEnd)) {
                    continue;
                }
                if (Duration.between(cursor, b.start()).compareTo(minimum) >= 0) {
                    free.add(new Interval(cursor, b.start()));
                }
                cursor = max(cursor, b.end());
            }
            if (cursor.isBefore(windowEnd) && Duration.between(cursor, windowEnd).compareTo(minimum) >= 0) {
                free.add(new Interval(cursor, windowEnd));
            }
            if (free.size() >= max) {
                return free.subList(0, max);
            }
        }
        return free;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
