package org.ncmcp.resource.apps.calendar.ical;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Expands an RRULE (RFC 5545 3.3.10) into occurrence starts, because not every CalDAV server applies
 * {@code <C:expand>} (Radicale does not, nextcloud-api.md §3). Supports FREQ DAILY/WEEKLY/MONTHLY/YEARLY with
 * INTERVAL, COUNT, UNTIL, BYDAY (with ordinals in MONTHLY/YEARLY), BYMONTHDAY, BYMONTH and WKST; other BY parts
 * are rejected by {@link #parse} so an unsupported rule is never silently expanded wrong.
 */
public record Recurrence(String freq, int interval, Integer count, ICalTime until, List<String> byDay,
        List<Integer> byMonthDay, List<Integer> byMonth, DayOfWeek weekStart) {

    /** Hard stop for rules without an end, so a tool call can never loop for long. */
    static final int MAX_PERIODS = 20_000;
    private static final Set<String> FREQUENCIES = Set.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY");

    public static Recurrence parse(String rrule) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : rrule.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.put(part.substring(0, equals).trim().toUpperCase(Locale.ROOT), part.substring(equals + 1).trim());
            }
        }
        String freq = parts.getOrDefault("FREQ", "").toUpperCase(Locale.ROOT);
        if (!FREQUENCIES.contains(freq)) {
            throw new IllegalArgumentException("RRULE FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY (got '" + freq + "')");
        }
        for (String key : parts.keySet()) {
            if (!Set.of("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "WKST").contains(key)) {
                throw new IllegalArgumentException("RRULE part " + key + " is not supported here");
            }
        }
        try {
            int interval = Integer.parseInt(parts.getOrDefault("INTERVAL", "1"));
            Integer count = parts.containsKey("COUNT") ? Integer.valueOf(parts.get("COUNT")) : null;
            if (interval < 1 || (count != null && count < 1)) {
                throw new IllegalArgumentException("RRULE INTERVAL and COUNT must be positive");
            }
            ICalTime until = parts.containsKey("UNTIL") ? ICalTime.parse(parts.get("UNTIL"), null, false) : null;
            List<String> byDay = parts.containsKey("BYDAY")
                    ? List.of(parts.get("BYDAY").toUpperCase(Locale.ROOT).split(",")) : List.of();
            byDay.forEach(Recurrence::weekday);
            return new Recurrence(freq, interval, count, until, byDay, numbers(parts.get("BYMONTHDAY")),
                    numbers(parts.get("BYMONTH")), parts.containsKey("WKST") ? weekday(parts.get("WKST"))
                            : DayOfWeek.MONDAY);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("RRULE has a malformed number: " + rrule);
        }
    }

    /**
     * Occurrence starts overlapping [from, to) for an event of {@code duration}, in order, at most {@code max};
     * EXDATEs removed. The first occurrence is DTSTART itself (RFC 5545 3.8.5.3).
     */
    public List<ZonedDateTime> expand(ZonedDateTime start, java.time.Duration duration, Set<Instant> exdates,
            Instant from, Instant to, int max) {
        List<ZonedDateTime> out = new ArrayList<>();
        int generated = 0;
        for (int period = 0; period < MAX_PERIODS; period++) {
            for (ZonedDateTime candidate : candidates(start, period)) {
                if (candidate.isBefore(start)) {
                    continue;
                }
                if (until != null && candidate.toInstant().isAfter(untilInstant(start))) {
                    return out;
                }
                if (count != null && generated >= count) {
                    return out;
                }
                generated++;
                if (!candidate.toInstant().isBefore(to)) {
                    return out;
                }
                boolean overlaps = candidate.toInstant().plus(duration).isAfter(from)
                        || (duration.isZero() && !candidate.toInstant().isBefore(from));
                if (overlaps && !exdates.contains(candidate.toInstant())) {
                    out.add(candidate);
                    if (out.size() >= max) {
                        return out;
                    }
                }
            }
        }
        return out;
    }

    /** UNTIL as a DATE means the whole day counts (RFC 5545: inclusive). */
    private Instant untilInstant(ZonedDateTime start) {
        return until.allDay() ? until.time().toLocalDate().atTime(23, 59, 59).atZone(start.getZone()).toInstant()
                : until.time().toInstant();
    }

    private List<ZonedDateTime> candidates(ZonedDateTime start, int period) {
        long step = (long) period * interval;
        LocalDate first = start.toLocalDate();
        TreeSet<LocalDate> days = new TreeSet<>();
        switch (freq) {
            case "DAILY" -> {
                LocalDate day = first.plusDays(step);
                if (byDay.isEmpty() || byDay.stream().anyMatch(d -> weekday(d) == day.getDayOfWeek())) {
                    if (byMonth.isEmpty() || byMonth.contains(day.getMonthValue())) {
                        days.add(day);
                    }
                }
            }
            case "WEEKLY" -> {
                LocalDate weekStartDay = first.with(TemporalAdjusters.previousOrSame(weekStart)).plusWeeks(step);
                if (byDay.isEmpty()) {
                    days.add(weekStartDay.with(TemporalAdjusters.nextOrSame(first.getDayOfWeek())));
                } else {
                    for (String d : byDay) {
                        days.add(weekStartDay.with(TemporalAdjusters.nextOrSame(weekday(d))));
                    }
                }
            }
            case "MONTHLY" -> days.addAll(inMonth(first.withDayOfMonth(1).plusMonths(step), first));
            default -> {
                LocalDate year = first.withDayOfYear(1).plusYears(step);
                List<Integer> months = byMonth.isEmpty() ? List.of(first.getMonthValue()) : byMonth;
                for (int month : months) {
                    days.addAll(inMonth(year.withMonth(month), first));
                }
            }
        }
        return days.stream().map(day -> ZonedDateTime.of(day, start.toLocalTime(), start.getZone()))
                .sorted(Comparator.naturalOrder()).toList();
    }

    private List<LocalDate> inMonth(LocalDate monthStart, LocalDate first) {
        List<LocalDate> days = new ArrayList<>();
        int length = monthStart.lengthOfMonth();
        if (!byMonthDay.isEmpty()) {
            for (int n : byMonthDay) {
                int day = n > 0 ? n : length + n + 1;
                if (day >= 1 && day <= length) {
                    days.add(monthStart.withDayOfMonth(day));
                }
            }
        } else if (!byDay.isEmpty()) {
            for (String d : byDay) {
                DayOfWeek weekday = weekday(d);
                String ordinal = d.substring(0, d.length() - 2);
                if (ordinal.isEmpty()) {
                    for (LocalDate day = monthStart.with(TemporalAdjusters.firstInMonth(weekday));
                            day.getMonth() == monthStart.getMonth(); day = day.plusWeeks(1)) {
                        days.add(day);
                    }
                } else {
                    int n = Integer.parseInt(ordinal.replace("+", ""));
                    LocalDate day = n > 0 ? monthStart.with(TemporalAdjusters.dayOfWeekInMonth(n, weekday))
                            : monthStart.with(TemporalAdjusters.lastInMonth(weekday)).plusWeeks(n + 1L);
                    if (day.getMonth() == monthStart.getMonth()) {
                        days.add(day);
                    }
                }
            }
        } else if (first.getDayOfMonth() <= length) {
            // the 31st recurs only in months that have one (RFC 5545 3.3.10: invalid dates are ignored)
            days.add(monthStart.withDayOfMonth(first.getDayOfMonth()));
        }
        return days;
    }

    private static DayOfWeek weekday(String byDayEntry) {
        String code = byDayEntry.length() < 2 ? "" : byDayEntry.substring(byDayEntry.length() - 2);
        return switch (code) {
            case "MO" -> DayOfWeek.MONDAY;
            case "TU" -> DayOfWeek.TUESDAY;
            case "WE" -> DayOfWeek.WEDNESDAY;
            case "TH" -> DayOfWeek.THURSDAY;
            case "FR" -> DayOfWeek.FRIDAY;
            case "SA" -> DayOfWeek.SATURDAY;
            case "SU" -> DayOfWeek.SUNDAY;
            default -> throw new IllegalArgumentException("RRULE weekday must be MO…SU (got '" + byDayEntry + "')");
        };
    }

    private static List<Integer> numbers(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (String n : list.split(",")) {
            out.add(Integer.valueOf(n.trim()));
        }
        return out;
    }

}
