package org.ncmcp.resource.apps.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.calendar.FreeSlots.Interval;

class FreeSlotsTest {

    private static Interval busy(String start, String end) {
        return new Interval(Instant.parse(start), Instant.parse(end));
    }

    private static List<String> find(List<Interval> busy, String from, String to, int minutes, boolean noWeekends,
            ZoneId zone) {
        return FreeSlots.find(busy, Instant.parse(from), Instant.parse(to), Duration.ofMinutes(minutes),
                LocalTime.of(9, 0), LocalTime.of(17, 0), zone, noWeekends, 50).stream()
                .map(i -> i.start() + "/" + i.end()).toList();
    }

    @Test
    void gapsBetweenOverlappingMeetingsWithinWorkingHours() {
        List<Interval> busy = List.of(busy("2027-01-04T10:00:00Z", "2027-01-04T11:00:00Z"),
                busy("2027-01-04T10:30:00Z", "2027-01-04T12:00:00Z"),
                busy("2027-01-04T12:30:00Z", "2027-01-04T16:30:00Z"));
        assertThat(find(busy, "2027-01-04T00:00:00Z", "2027-01-05T00:00:00Z", 30, true, ZoneOffset.UTC))
                .containsExactly("2027-01-04T09:00:00Z/2027-01-04T10:00:00Z",
                        "2027-01-04T12:00:00Z/2027-01-04T12:30:00Z", "2027-01-04T16:30:00Z/2027-01-04T17:00:00Z");
        assertThat(find(busy, "2027-01-04T00:00:00Z", "2027-01-05T00:00:00Z", 45, true, ZoneOffset.UTC))
                .containsExactly("2027-01-04T09:00:00Z/2027-01-04T10:00:00Z");
    }

    @Test
    void weekendsAreSkippedOnlyWhenAsked() {
        // 2027-01-09 is a Saturday
        assertThat(find(List.of(), "2027-01-09T00:00:00Z", "2027-01-11T00:00:00Z", 60, true, ZoneOffset.UTC)).isEmpty();
        assertThat(find(List.of(), "2027-01-09T00:00:00Z", "2027-01-11T00:00:00Z", 60, false, ZoneOffset.UTC))
                .containsExactly("2027-01-09T09:00:00Z/2027-01-09T17:00:00Z",
                        "2027-01-10T09:00:00Z/2027-01-10T17:00:00Z");
    }

    @Test
    void workingHoursAreInTheGivenZoneAndTheRangeCutsThem() {
        assertThat(find(List.of(), "2027-01-04T10:00:00Z", "2027-01-04T15:00:00Z", 60, true,
                ZoneId.of("Europe/Berlin"))).containsExactly("2027-01-04T10:00:00Z/2027-01-04T15:00:00Z");
        assertThat(find(List.of(), "2027-01-04T00:00:00Z", "2027-01-05T00:00:00Z", 60, true,
                ZoneId.of("Europe/Berlin"))).containsExactly("2027-01-04T08:00:00Z/2027-01-04T16:00:00Z");
    }
}
