package org.ncmcp.resource.apps.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.calendar.ical.Recurrence;

class RecurrenceTest {

    private static final ZonedDateTime MONDAY_9 = ZonedDateTime.parse("2027-01-04T09:00:00Z");

    private static List<String> expand(String rule, ZonedDateTime start, Set<Instant> exdates, String from, String to) {
        return Recurrence.parse(rule).expand(start, Duration.ofMinutes(30), exdates, Instant.parse(from),
                Instant.parse(to), 100).stream().map(z -> z.toInstant().toString()).toList();
    }

    @Test
    void weeklyOnTwoDaysWithCountCountsFromDtstartEvenBeforeTheRange() {
        assertThat(expand("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5", MONDAY_9, Set.of(), "2027-01-10T00:00:00Z",
                "2027-03-01T00:00:00Z")).containsExactly("2027-01-11T09:00:00Z", "2027-01-13T09:00:00Z",
                        "2027-01-18T09:00:00Z");
    }

    @Test
    void untilIsInclusiveAndExdatesAreLeftOut() {
        assertThat(expand("FREQ=DAILY;UNTIL=20270107T090000Z", MONDAY_9,
                Set.of(Instant.parse("2027-01-05T09:00:00Z")), "2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z"))
                .containsExactly("2027-01-04T09:00:00Z", "2027-01-06T09:00:00Z", "2027-01-07T09:00:00Z");
    }

    @Test
    void monthlyOnTheLastFridayAndEveryOtherMonth() {
        assertThat(expand("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR", ZonedDateTime.parse("2027-01-29T10:00:00Z"),
                Set.of(), "2027-01-01T00:00:00Z", "2027-07-01T00:00:00Z"))
                .containsExactly("2027-01-29T10:00:00Z", "2027-03-26T10:00:00Z", "2027-05-28T10:00:00Z");
    }

    @Test
    void theThirtyFirstOnlyRecursInMonthsThatHaveOne() {
        assertThat(expand("FREQ=MONTHLY;COUNT=3", ZonedDateTime.parse("2027-01-31T08:00:00Z"), Set.of(),
                "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"))
                .containsExactly("2027-01-31T08:00:00Z", "2027-03-31T08:00:00Z", "2027-05-31T08:00:00Z");
    }

    @Test
    void yearlyAndAnOccurrenceOverlappingTheRangeStartCounts() {
        assertThat(expand("FREQ=YEARLY", ZonedDateTime.parse("2020-02-29T23:50:00Z"), Set.of(),
                "2024-03-01T00:00:00Z", "2028-03-02T00:00:00Z"))
                .containsExactly("2024-02-29T23:50:00Z", "2028-02-29T23:50:00Z");
    }

    @Test
    void localTimeIsKeptAcrossDaylightSavingInTheEventsZone() {
        ZonedDateTime berlin = ZonedDateTime.of(2027, 3, 26, 10, 0, 0, 0, ZoneId.of("Europe/Berlin"));
        assertThat(Recurrence.parse("FREQ=DAILY;COUNT=3").expand(berlin, Duration.ZERO, Set.of(),
                Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-04-01T00:00:00Z"), 10)
                .stream().map(z -> z.toInstant().toString()))
                .containsExactly("2027-03-26T09:00:00Z", "2027-03-27T09:00:00Z", "2027-03-28T08:00:00Z");
    }

    @Test
    void unsupportedRulesAreRefusedNotExpandedWrong() {
        assertThatThrownBy(() -> Recurrence.parse("FREQ=HOURLY")).hasMessageContaining("FREQ must be");
        assertThatThrownBy(() -> Recurrence.parse("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU"))
                .hasMessageContaining("BYSETPOS is not supported");
        assertThatThrownBy(() -> Recurrence.parse("FREQ=WEEKLY;BYDAY=XX")).hasMessageContaining("weekday");
    }

    @Test
    void anEndlessRuleStopsAtTheRangeEnd() {
        assertThat(expand("FREQ=DAILY", MONDAY_9, Set.of(), "2030-01-01T00:00:00Z", "2030-01-03T00:00:00Z"))
                .containsExactly("2030-01-01T09:00:00Z", "2030-01-02T09:00:00Z");
    }
}
