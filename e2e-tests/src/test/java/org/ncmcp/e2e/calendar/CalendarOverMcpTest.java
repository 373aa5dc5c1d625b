package org.ncmcp.e2e.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.mcp.SingleUserStack.args;
import static org.ncmcp.e2e.mcp.SingleUserStack.list;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.dav.SabreDav;

/**
 * The Calendar scenarios on sabre/dav 1.8 (PHP), in Nextcloud's URL layout behind the simulator, plus the checks that
 * read the stored iCalendar object back through Nextcloud's calendar paths (time zones, single-occurrence edits).
 */
class CalendarOverMcpTest extends CalendarScenarios {

    @BeforeAll
    static void startOnSabre() {
        startWith(SabreDav.startOrSkip());
    }

    @AfterAll
    static void stopOnSabre() {
        stopAll();
    }

    @Test
    void anEventInAZoneIsStoredWithItsTzidAndRecursAtTheSameLocalTimeAcrossDaylightSaving() throws Exception {
        // 2028-03-26 is the last Sunday of March: Berlin moves from +01:00 to +02:00
        Map<String, Object> created = stack.ok("nc_calendar_create_event", args("title", "Berlin standup",
                "start", "2028-03-13T09:00:00", "durationMinutes", 30, "timezone", "Europe/Berlin",
                "recurrence", "FREQ=WEEKLY", "recurrenceCount", 4));
        assertThat(created).containsEntry("timezone", "Europe/Berlin").containsEntry("start", "2028-03-13T09:00+01:00")
                .containsEntry("end", "2028-03-13T09:30+01:00");
        String ics = stored("personal", (String) created.get("uid"));
        assertThat(ics).contains("DTSTART;TZID=Europe/Berlin:20280313T090000",
                "DTEND;TZID=Europe/Berlin:20280313T093000", "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");

        Map<String, Object> march = stack.ok("nc_calendar_list_events", Map.of("from", "2028-03-01T00:00:00Z",
                "to", "2028-04-10T00:00:00Z", "titleContains", "Berlin standup"));
        assertThat(list(march, "events")).extracting(e -> e.get("start")).containsExactly("2028-03-13T09:00+01:00",
                "2028-03-20T09:00+01:00", "2028-03-27T09:00+02:00", "2028-04-03T09:00+02:00");
        // the DAV server's own time-range filter agrees: 07:00Z is the occurrence after the change
        assertThat(list(stack.ok("nc_calendar_list_events", Map.of("from", "2028-03-27T06:50:00Z",
                "to", "2028-03-27T07:10:00Z")), "events")).extracting(e -> e.get("title"))
                .containsExactly("Berlin standup");

        // a time with an offset keeps the event's zone; a zone given alone re-expresses the same instant
        Map<String, Object> moved = stack.ok("nc_calendar_update_event", Map.of("uid", created.get("uid"),
                "start", "2028-03-13T07:00:00Z"));
        assertThat(moved).containsEntry("start", "2028-03-13T08:00+01:00").containsEntry("timezone", "Europe/Berlin");
        Map<String, Object> london = stack.ok("nc_calendar_update_event", Map.of("uid", created.get("uid"),
                "timezone", "Europe/London"));
        assertThat(london).containsEntry("start", "2028-03-13T07:00Z").containsEntry("timezone", "Europe/London");
        assertThat(stored("personal", (String) created.get("uid")))
                .contains("DTSTART;TZID=Europe/London:20280313T070000", "TZID:Europe/London");

        assertThat(stack.error("nc_calendar_create_event", Map.of("title", "x", "start", "2028-03-13T09:00:00",
                "timezone", "Europe/Atlantis"))).contains("'timezone'", "Europe/Atlantis");
        stack.ok("nc_calendar_delete_event", Map.of("uid", created.get("uid")));
    }

    @Test
    void oneOccurrenceOfARecurringEventIsMovedOrCancelledAndTheSeriesStays() throws Exception {
        Map<String, Object> created = stack.ok("nc_calendar_create_event", args("title", "Review", "location", "Room 1",
                "start", "2028-05-01T10:00:00", "timezone", "Europe/Berlin", "durationMinutes", 60,
                "recurrence", "FREQ=WEEKLY", "recurrenceCount", 4));
        String uid = (String) created.get("uid");
        Map<String, Object> may = Map.of("from", "2028-05-01T00:00:00Z", "to", "2028-06-01T00:00:00Z",
                "titleContains", "review");
        String second = (String) list(stack.ok("nc_calendar_list_events", may), "events").get(1).get("recurrenceId");
        assertThat(second).isEqualTo("2028-05-08T10:00+02:00");

        Map<String, Object> moved = stack.ok("nc_calendar_update_event", Map.of("uid", uid, "occurrence", second,
                "etag", created.get("etag"), "start", "2028-05-09T14:00:00", "title", "Review (moved)"));
        assertThat(moved).containsEntry("start", "2028-05-09T14:00+02:00")
                .containsEntry("end", "2028-05-09T15:00+02:00").containsEntry("title", "Review (moved)").containsEntry("location", "Room 1")
                .containsEntry("recurrenceId", second);
        String ics = stored("personal", uid);
        assertThat(ics).contains("RECURRENCE-ID;TZID=Europe/Berlin:20280508T100000",
                "DTSTART;TZID=Europe/Berlin:20280509T140000", "RRULE:FREQ=WEEKLY;COUNT=4");
        assertThat(ics.split("BEGIN:VEVENT", -1)).hasSize(3);
        assertThat(list(stack.ok("nc_calendar_list_events", may), "events"))
                .extracting(e -> e.get("title") + "@" + e.get("start")).containsExactly(
                        "Review@2028-05-01T10:00+02:00", "Review (moved)@2028-05-09T14:00+02:00",
                        "Review@2028-05-15T10:00+02:00", "Review@2028-05-22T10:00+02:00");

        // the etag read before is stale: a conflict, nothing written
        assertThat(stack.error("nc_calendar_update_event", Map.of("uid", uid, "occurrence", second,
                "etag", created.get("etag"), "title", "Lost"))).contains("changed since you read it");
        // a second change to the same occurrence edits its override, not a new one
        Map<String, Object> again = stack.ok("nc_calendar_update_event", Map.of("uid", uid, "occurrence", second,
                "etag", moved.get("etag"), "location", "Room 2"));
        assertThat(again).containsEntry("title", "Review (moved)").containsEntry("location", "Room 2");
        assertThat(stored("personal", uid).split("BEGIN:VEVENT", -1)).hasSize(3);

        Map<String, Object> cancelled = stack.ok("nc_calendar_delete_event", Map.of("uid", uid,
                "occurrence", "2028-05-15T08:00:00Z", "etag", again.get("etag")));
        assertThat(cancelled).containsEntry("occurrence", "2028-05-15T10:00+02:00").containsEntry("deleted", true);
        assertThat(stored("personal", uid)).contains("EXDATE;TZID=Europe/Berlin:20280515T100000");
        assertThat(stack.error("nc_calendar_delete_event", Map.of("uid", uid, "occurrence", "2028-05-15T10:00:00")))
                .contains("was cancelled already");
        // cancelling the moved occurrence removes its override too
        stack.ok("nc_calendar_delete_event", Map.of("uid", uid, "occurrence", second));
        assertThat(list(stack.ok("nc_calendar_list_events", may), "events"))
                .extracting(e -> e.get("title") + "@" + e.get("start")).containsExactly(
                        "Review@2028-05-01T10:00+02:00", "Review@2028-05-22T10:00+02:00");
        assertThat(stored("personal", uid).split("BEGIN:VEVENT", -1)).hasSize(2);

        assertThat(stack.error("nc_calendar_update_event", Map.of("uid", uid, "occurrence", "2028-05-10T10:00:00",
                "title", "x"))).contains("is not an occurrence of event");
        assertThat(stack.error("nc_calendar_update_event", Map.of("uid", uid, "occurrence", "2028-05-22T10:00:00",
                "recurrence", "FREQ=DAILY"))).contains("'recurrence' changes the whole series");
        Map<String, Object> single = stack.ok("nc_calendar_create_event", Map.of("title", "Once",
                "start", "2028-05-03T10:00:00Z"));
        assertThat(stack.error("nc_calendar_delete_event", Map.of("uid", single.get("uid"),
                "occurrence", "2028-05-03T10:00:00Z"))).contains("does not recur");
        stack.ok("nc_calendar_delete_event", Map.of("uid", single.get("uid")));
        stack.ok("nc_calendar_delete_event", Map.of("uid", uid));
    }

    /** The object as the DAV server stores it, read with the same app password. */
    private static String stored(String calendar, String uid) throws Exception {
        HttpResponse<String> response = stack.asAlice("GET", "/remote.php/dav/calendars/alice/" + calendar + "/" + uid
                + ".ics", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // unfolded, so a long line can be matched whole
        return response.body().replace("\r\n ", "");
    }
}
