package org.ncmcp.resource.apps.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.calendar.ical.ICalComponent;
import org.ncmcp.resource.apps.calendar.ical.ICalProperty;
import org.ncmcp.resource.apps.calendar.ical.ICalTime;
import org.ncmcp.resource.apps.calendar.ical.ICalendarText;
import org.ncmcp.resource.apps.calendar.ical.VTimezones;
import org.ncmcp.resource.tool.InvalidToolInputException;

/** Event times given in an IANA zone: how they are read, written (TZID + VTIMEZONE) and reported back. */
class TimeZoneTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aLocalTimeWithAZoneIsWrittenWithItsTzidAndReportedWithItsOffset() {
        ICalTime start = EventFields.time("start", "2027-03-22T09:00:00", BERLIN);
        assertThat(start.toProperty("DTSTART").parameter("TZID")).isEqualTo("Europe/Berlin");
        assertThat(start.format()).isEqualTo("20270322T090000");
        assertThat(start.iso()).isEqualTo("2027-03-22T09:00+01:00");
        assertThat(start.tzid()).isEqualTo("Europe/Berlin");
        ICalTime read = ICalTime.of(start.toProperty("DTSTART"));
        assertThat(read.time().toInstant()).isEqualTo(start.time().toInstant());
        assertThat(read.tzid()).isEqualTo("Europe/Berlin");
    }

    @Test
    void anOffsetWithAZoneIsTheSameInstantInThatZone() {
        ICalTime start = EventFields.time("start", "2027-07-01T08:00:00Z", BERLIN);
        assertThat(start.format()).isEqualTo("20270701T100000");
        assertThat(start.iso()).isEqualTo("2027-07-01T10:00+02:00");
    }

    @Test
    void withoutAZoneTimesStayUtcAsBefore() {
        assertThat(EventFields.time("start", "2027-03-22T09:00:00+01:00").toProperty("DTSTART").value())
                .isEqualTo("20270322T080000Z");
        assertThat(EventFields.time("start", "2027-03-22T09:00:00").iso()).isEqualTo("2027-03-22T09:00Z");
        assertThat(EventFields.time("start", "2027-03-22T09:00:00+01:00[Europe/Berlin]").tzid()).isNull();
        assertThat(EventFields.zone("timezone", "UTC")).isEqualTo(ZoneOffset.UTC);
        assertThat(EventFields.time("start", "2027-03-22T09:00:00", ZoneOffset.UTC).toProperty("DTSTART").value())
                .isEqualTo("20270322T090000Z");
    }

    @Test
    void anUnknownZoneIsAToolErrorNamingTheField() {
        assertThatThrownBy(() -> EventFields.zone("timezone", "Mars/Olympus"))
                .isInstanceOf(InvalidToolInputException.class)
                .hasMessageContaining("'timezone'").hasMessageContaining("Mars/Olympus");
        assertThat(EventFields.zone("timezone", " ")).isNull();
    }

    @Test
    void berlinGetsYearlyDaylightAndStandardRulesOnTheLastSundays() {
        String text = ICalendarText.write(VTimezones.of(BERLIN));
        assertThat(text).contains("TZID:Europe/Berlin", "BEGIN:DAYLIGHT", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "BEGIN:STANDARD", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100");
        // the onset is the local time before the change: 02:00 in spring, 03:00 in autumn
        assertThat(text).containsPattern("BEGIN:DAYLIGHT\r\nDTSTART:\\d{4}03\\d\\dT020000")
                .containsPattern("BEGIN:STANDARD\r\nDTSTART:\\d{4}10\\d\\dT030000");
    }

    @Test
    void newYorkChangesOnTheSecondAndFirstSundays() {
        assertThat(ICalendarText.write(VTimezones.of(ZoneId.of("America/New_York"))))
                .contains("BYMONTH=3;BYDAY=2SU", "BYMONTH=11;BYDAY=1SU", "TZOFFSETTO:-0400", "TZOFFSETTO:-0500");
    }

    @Test
    void aZoneWithoutDaylightSavingHasOneFixedPart() {
        String text = ICalendarText.write(VTimezones.of(ZoneId.of("Asia/Tokyo")));
        assertThat(text).contains("BEGIN:STANDARD", "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900")
                .doesNotContain("DAYLIGHT", "RRULE");
    }

    @Test
    void missingTimezonesAreAddedOnceBeforeTheEventsAndKnownOnesKept() {
        ICalComponent calendar = CalendarTools.wrap(new ICalComponent("VEVENT"));
        ICalComponent event = calendar.components("VEVENT").get(0);
        event.add(EventFields.time("start", "2027-01-04T09:00:00", BERLIN).toProperty("DTSTART"));
        event.add(EventFields.time("end", "2027-01-04T10:00:00", ZoneId.of("America/New_York")).toProperty("DTEND"));
        event.add(new ICalProperty("EXDATE", java.util.Map.of("TZID", "Europe/Berlin"), "20270111T090000"));
        VTimezones.addMissing(calendar);
        VTimezones.addMissing(calendar);
        List<String> names = calendar.components().stream().map(c -> c.name() + ":" + c.raw("TZID")).toList();
        assertThat(names).containsExactly("VTIMEZONE:Europe/Berlin", "VTIMEZONE:America/New_York", "VEVENT:null");
    }
}
