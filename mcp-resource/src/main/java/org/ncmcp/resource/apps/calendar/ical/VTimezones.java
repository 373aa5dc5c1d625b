package org.ncmcp.resource.apps.calendar.ical;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * VTIMEZONE components (RFC 5545 3.6.5) built from the JDK's zone rules. RFC 5545 3.2.19 wants one for every TZID
 * an object uses. The rules written are the zone's current ones (its yearly transitions, or its fixed offset), which
 * is what clients need for events from now on; servers such as Nextcloud (sabre/vobject) resolve Olson ids from
 * their own database anyway.
 */
public final class VTimezones {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final Map<DayOfWeek, String> DAYS = Map.of(DayOfWeek.MONDAY, "MO", DayOfWeek.TUESDAY, "TU",
            DayOfWeek.WEDNESDAY, "WE", DayOfWeek.THURSDAY, "TH", DayOfWeek.FRIDAY, "FR", DayOfWeek.SATURDAY, "SA",
            DayOfWeek.SUNDAY, "SU");

    private VTimezones() {
    }

    /** Adds a VTIMEZONE for every TZID used in the calendar that it does not define yet (ids Java knows). */
    public static void addMissing(ICalComponent calendar) {
        Set<String> defined = new LinkedHashSet<>();
        for (ICalComponent timezone : calendar.components("VTIMEZONE")) {
            if (timezone.raw("TZID") != null) {
                defined.add(timezone.raw("TZID").trim());
            }
        }
        Set<String> used = new LinkedHashSet<>();
        collectTzids(calendar, used);
        int at = 0;
        while (at < calendar.components().size() && calendar.components().get(at).name().equals("VTIMEZONE")) {
            at++;
        }
        for (String tzid : used) {
            if (defined.contains(tzid)) {
                continue;
            }
            try {
                calendar.components().add(at++, of(ZoneId.of(tzid)));
            } catch (java.time.DateTimeException unknown) {
                // a TZID Java does not know was written by someone else; it is left as it is
            }
        }
    }

    /** The VTIMEZONE of a zone: a STANDARD and a DAYLIGHT part with yearly rules, or one fixed STANDARD part. */
    public static ICalComponent of(ZoneId zone) {
        ICalComponent timezone = new ICalComponent("VTIMEZONE");
        timezone.add(new ICalProperty("TZID", Map.of(), zone.getId()));
        ZoneRules rules = zone.getRules();
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        if (yearly.isEmpty()) {
            List<ZoneOffsetTransition> past = rules.getTransitions();
            ZoneOffset offset = rules.getStandardOffset(java.time.Instant.now());
            ICalComponent standard = new ICalComponent("STANDARD");
            LocalDateTime since = past.isEmpty() ? LocalDateTime.of(1970, 1, 1, 0, 0)
                    : past.get(past.size() - 1).getDateTimeAfter();
            standard.add(new ICalProperty("DTSTART", Map.of(), since.format(LOCAL)));
            standard.add(new ICalProperty("TZOFFSETFROM", Map.of(), offset(offset)));
            standard.add(new ICalProperty("TZOFFSETTO", Map.of(), offset(offset)));
            timezone.components().add(standard);
            return timezone;
        }
        List<ZoneOffsetTransition> past = rules.getTransitions();
        // the rules hold from the year after the last listed transition (ZoneRules' contract)
        int firstYear = past.isEmpty() ? 1970 : past.get(past.size() - 1).getDateTimeAfter().getYear() + 1;
        for (ZoneOffsetTransitionRule rule : yearly) {
            ZoneOffsetTransition onset = rule.createTransition(firstYear);
            boolean daylight = onset.getOffsetAfter().getTotalSeconds() > rule.getStandardOffset().getTotalSeconds();
            ICalComponent part = new ICalComponent(daylight ? "DAYLIGHT" : "STANDARD");
            // DTSTART is the local time of the onset in the offset in force before it (RFC 5545 3.6.5)
            part.add(new ICalProperty("DTSTART", Map.of(), onset.getDateTimeBefore().format(LOCAL)));
            part.add(new ICalProperty("RRULE", Map.of(), rrule(rule)));
            part.add(new ICalProperty("TZOFFSETFROM", Map.of(), offset(onset.getOffsetBefore())));
            part.add(new ICalProperty("TZOFFSETTO", Map.of(), offset(onset.getOffsetAfter())));
            timezone.components().add(part);
        }
        return timezone;
    }

    /** The yearly day of a transition rule: a fixed date, or "the weekday on or after/before day n". */
    static String rrule(ZoneOffsetTransitionRule rule) {
        String month = "FREQ=YEARLY;BYMONTH=" + rule.getMonth().getValue();
        int day = rule.getDayOfMonthIndicator();
        if (rule.getDayOfWeek() == null) {
            return month + ";BYMONTHDAY=" + day;
        }
        String weekday = DAYS.get(rule.getDayOfWeek());
        if (day > 0 && (day - 1) % 7 == 0) {
            return month + ";BYDAY=" + ((day - 1) / 7 + 1) + weekday;
        }
        if (day < 0 && (-day - 1) % 7 == 0) {
            return month + ";BYDAY=-" + ((-day - 1) / 7 + 1) + weekday;
        }
        if (day > 0 && rule.getMonth().minLength() == rule.getMonth().maxLength()
                && day + 6 == rule.getMonth().maxLength()) {
            // "on or after the 25th" of a 31-day month is its last such weekday
            return month + ";BYDAY=-1" + weekday;
        }
        // otherwise: that weekday within the seven days from the indicated one (RFC 5545 BYMONTHDAY with BYDAY)
        List<String> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            days.add(String.valueOf(day > 0 ? day + i : day - i));
        }
        return month + ";BYDAY=" + weekday + ";BYMONTHDAY=" + String.join(",", days);
    }

    private static void collectTzids(ICalComponent component, Set<String> into) {
        if (component.name().equals("VTIMEZONE")) {
            return;
        }
        for (ICalProperty property : component.properties()) {
            String tzid = property.parameter("TZID");
            if (tzid != null && !tzid.isBlank()) {
                into.add(tzid.trim());
            }
        }
        for (ICalComponent child : component.components()) {
            collectTzids(child, into);
        }
    }

    private static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int abs = Math.abs(seconds);
        String text = String.format("%s%02d%02d", seconds < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
        return abs % 60 == 0 ? text : text + String.format("%02d", abs % 60);
    }
}
