package org.ncmcp.e2e.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.mcp.SingleUserStack.args;
import static org.ncmcp.e2e.mcp.SingleUserStack.list;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.mcp.SingleUserStack;
import org.ncmcp.e2e.simulator.dav.DavBackend;

/**
 * The Calendar tools through a real MCP client, mcp-resource, the Nextcloud simulator and a real CalDAV server; the
 * concrete classes choose the server (sabre/dav in Nextcloud's layout, Radicale in its own). The login name differs
 * from the user id, so the calendar home must come from discovery (current-user-principal → calendar-home-set).
 * Each test works in a calendar or time range of its own, so they do not see each other's events.
 */
@SuppressWarnings("unchecked")
abstract class CalendarScenarios {

    static SingleUserStack stack;

    static void startWith(DavBackend dav) {
        stack = SingleUserStack.start(SingleUserStack.EMAIL_LOGIN, dav);
    }

    static void stopAll() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    @Test
    void listsThePersonalCalendarFoundThroughThePrincipal() {
        Map<String, Object> result = stack.ok("nc_calendar_list_calendars", Map.of());
        assertThat(list(result, "calendars")).anySatisfy(calendar -> {
            assertThat(calendar).containsEntry("id", "personal").containsEntry("name", "Personal");
            assertThat((List<Object>) calendar.get("components")).contains("VEVENT", "VTODO");
        });
        // on Radicale the calendar home also holds the address book: only calendars are listed
        assertThat(list(result, "calendars")).extracting(c -> c.get("id")).doesNotContain("contacts");
        assertThat(stack.error("nc_calendar_list_calendars", Map.of("component", "VJOURNAL")))
                .contains("'component' must be one of VEVENT, VTODO");
    }

    @Test
    void toolsCarryScopesAndExplicitHints() {
        List<McpSchema.Tool> tools = stack.mcp().listTools().tools().stream()
                .filter(t -> t.name().startsWith("nc_calendar_")).toList();
        McpSchema.Tool create = tools.stream().filter(t -> t.name().equals("nc_calendar_create_event")).findFirst()
                .orElseThrow();
        assertThat(create.annotations().destructiveHint()).isFalse();
        assertThat(create.annotations().readOnlyHint()).isFalse();
        assertThat(create.meta()).containsEntry("nextcloud-mcp/scope", "calendar:write");
        assertThat(create.inputSchema().toString()).contains("examples", "description");
        McpSchema.Tool list = tools.stream().filter(t -> t.name().equals("nc_calendar_list_events")).findFirst()
                .orElseThrow();
        assertThat(list.annotations().readOnlyHint()).isTrue();
        assertThat(list.meta()).containsEntry("nextcloud-mcp/scope", "calendar:read");
    }

    @Test
    void createGetUpdateDeleteAnEventWithEveryField() {
        Map<String, Object> created = stack.ok("nc_calendar_create_event", args("title", "Planning, Q1", "start",
                "2026-12-03T10:00:00+01:00", "durationMinutes", 90, "description", "Line one\nLine two; more",
                "location", "Room 4", "categories", List.of("work", "planning"), "reminders", List.of(15),
                "status", "tentative", "priority", 2, "privacy", "PRIVATE", "attendees",
                List.of("Bob <bob@example.com>", "carol@example.com"), "url", "https://meet.example.com/q1",
                "color", "#ff0000"));
        String uid = (String) created.get("uid");
        assertThat(created).containsEntry("calendar", "personal").containsEntry("title", "Planning, Q1")
                .containsEntry("start", "2026-12-03T09:00Z").containsEntry("end", "2026-12-03T10:30Z")
                .containsEntry("durationMinutes", 90).containsEntry("status", "TENTATIVE")
                .containsEntry("privacy", "PRIVATE").containsEntry("priority", 2)
                .containsEntry("description", "Line one\nLine two; more").containsEntry("color", "#ff0000");
        assertThat((List<Object>) created.get("attendees")).containsExactly("Bob <bob@example.com>", "carol@example.com");
        assertThat((List<Object>) created.get("categories")).containsExactly("work", "planning");
        assertThat((List<Object>) created.get("reminders")).containsExactly(15);
        String etag = (String) created.get("etag");
        assertThat(etag).isNotBlank();

        Map<String, Object> got = stack.ok("nc_calendar_get_event", Map.of("uid", uid));
        assertThat(got).containsEntry("etag", etag).containsEntry("location", "Room 4");

        Map<String, Object> updated = stack.ok("nc_calendar_update_event", Map.of("uid", uid, "etag", etag,
                "location", "Room 5", "start", "2026-12-03T13:00:00Z"));
        assertThat(updated).containsEntry("location", "Room 5").containsEntry("title", "Planning, Q1")
                .containsEntry("start", "2026-12-03T13:00Z").containsEntry("end", "2026-12-03T14:30Z")
                .containsEntry("status", "TENTATIVE").containsEntry("url", "https://meet.example.com/q1");
        assertThat((List<Object>) updated.get("attendees")).hasSize(2);
        assertThat(updated.get("etag")).isNotEqualTo(etag);

        // the etag read before the update is stale now: a conflict naming the current etag, nothing written
        String conflict = stack.error("nc_calendar_update_event", Map.of("uid", uid, "etag", etag, "title", "Lost"));
        assertThat(conflict).contains("changed since you read it", (String) updated.get("etag"));
        assertThat(stack.ok("nc_calendar_get_event", Map.of("uid", uid))).containsEntry("title", "Planning, Q1");
        assertThat(stack.error("nc_calendar_delete_event", Map.of("uid", uid, "etag", etag)))
                .contains("nothing was deleted");

        assertThat(stack.ok("nc_calendar_delete_event", Map.of("uid", uid))).containsEntry("deleted", true);
        assertThat(stack.error("nc_calendar_get_event", Map.of("uid", uid))).contains("There is no event with uid");
        assertThat(stack.error("nc_calendar_delete_event", Map.of("uid", uid))).contains("There is no event with uid");
        assertThat(stack.error("nc_calendar_update_event", Map.of("uid", uid, "title", "x")))
                .contains("There is no event with uid");
    }

    @Test
    void listExpandsRecurringEventsAndFilters() {
        stack.ok("nc_calendar_create_event", args("title", "Standup", "start", "2027-01-04T09:00:00Z",
                "durationMinutes", 15, "recurrence", "FREQ=WEEKLY;BYDAY=MO,WE", "recurrenceCount", 6,
                "categories", List.of("team")));
        stack.ok("nc_calendar_create_event", args("title", "Offsite", "start", "2027-01-06", "allDay", true,
                "location", "Lake house", "attendees", List.of("a@example.com", "b@example.com")));
        Map<String, Object> january = stack.ok("nc_calendar_list_events", Map.of("from", "2027-01-01T00:00:00Z",
                "to", "2027-01-12T00:00:00Z"));
        List<Map<String, Object>> events = list(january, "events");
        assertThat(events).extracting(e -> e.get("title") + "@" + e.get("start")).containsExactly(
                "Standup@2027-01-04T09:00Z", "Offsite@2027-01-06", "Standup@2027-01-06T09:00Z",
                "Standup@2027-01-11T09:00Z");
        assertThat(events.get(0)).containsEntry("recurrence", "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6")
                .containsEntry("recurrenceId", "2027-01-04T09:00Z");

        assertThat(list(stack.ok("nc_calendar_list_events", Map.of("from", "2027-01-01", "to", "2027-03-01",
                "titleContains", "STAND")), "events")).hasSize(6);
        assertThat(list(stack.ok("nc_calendar_list_events", Map.of("from", "2027-01-01", "to", "2027-03-01",
                "minAttendees", 2)), "events")).extracting(e -> e.get("title")).containsExactly("Offsite");
        assertThat(list(stack.ok("nc_calendar_list_events", Map.of("from", "2027-01-01", "to", "2027-03-01",
                "minDurationMinutes", 60)), "events")).extracting(e -> e.get("title")).containsExactly("Offsite");
        assertThat(list(stack.ok("nc_calendar_list_events", Map.of("from", "2027-01-01", "to", "2027-03-01",
                "categories", List.of("TEAM"), "locationContains", "")), "events")).hasSize(6);
        assertThat(stack.error("nc_calendar_list_events", Map.of("calendar", "nope"))).contains("There is no calendar 'nope'");
        assertThat(stack.error("nc_calendar_list_events", Map.of("from", "next tuesday"))).contains("ISO-8601");
    }

    @Test
    void badInputIsExplainedAndNothingIsWritten() {
        assertThat(stack.error("nc_calendar_create_event", Map.of("title", "x", "start", "2027-02-01T10:00:00Z",
                "end", "2027-02-01T09:00:00Z"))).contains("must be after the start");
        assertThat(stack.error("nc_calendar_create_event", Map.of("title", "x", "start", "2027-02-01T10:00:00Z",
                "recurrence", "FREQ=HOURLY"))).contains("FREQ must be");
        assertThat(stack.error("nc_calendar_create_event", Map.of("title", "x", "start", "2027-02-01T10:00:00Z",
                "attendees", List.of("not an address")))).contains("is not an e-mail address");
        assertThat(stack.error("nc_calendar_create_event", Map.of("title", "x", "start", "2027-02-01T10:00:00Z",
                "calendar", "missing"))).contains("There is no calendar 'missing'");
        assertThat(list(stack.ok("nc_calendar_list_events", Map.of("from", "2027-02-01", "to", "2027-02-02")), "events"))
                .isEmpty();
    }

    @Test
    void quickMeetingShowsUpAmongUpcomingEvents() {
        String start = java.time.Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .toString();
        Map<String, Object> meeting = stack.ok("nc_calendar_create_meeting", Map.of("title", "Quick sync", "start", start,
                "attendees", List.of("bob@example.com")));
        assertThat(meeting).containsEntry("durationMinutes", 30).containsEntry("status", "CONFIRMED");
        assertThat((List<Object>) meeting.get("reminders")).containsExactly(15);
        Map<String, Object> today = stack.ok("nc_calendar_create_event", Map.of("title", "Holiday", "allDay", true,
                "start", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()));
        Map<String, Object> upcoming = stack.ok("nc_calendar_upcoming_events", Map.of("days", 1));
        assertThat(list(upcoming, "events")).extracting(e -> e.get("uid"))
                .contains(meeting.get("uid"), today.get("uid"));
        stack.ok("nc_calendar_delete_event", Map.of("uid", today.get("uid")));
        assertThat(stack.error("nc_calendar_create_meeting", Map.of("title", "x", "start", "2027-01-01")))
                .contains("needs a start time");
        stack.ok("nc_calendar_delete_event", Map.of("uid", meeting.get("uid")));
    }

    @Test
    void manageCalendarsAndFindFreeSlotsInOne() {
        Map<String, Object> created = stack.ok("nc_calendar_manage_calendar", Map.of("action", "create", "calendar",
                "focus", "name", "Focus", "color", "#112233"));
        assertThat((Map<String, Object>) created.get("calendar")).containsEntry("id", "focus")
                .containsEntry("name", "Focus").containsEntry("color", "#112233");
        assertThat(stack.error("nc_calendar_manage_calendar", Map.of("action", "create", "calendar", "focus")))
                .contains("already exists");
        Map<String, Object> renamed = stack.ok("nc_calendar_manage_calendar", Map.of("action", "update", "calendar",
                "focus", "name", "Deep work", "color", "#445566"));
        assertThat((Map<String, Object>) renamed.get("calendar")).containsEntry("name", "Deep work")
                .containsEntry("color", "#445566");

        // Monday 2027-03-01: busy 10-12 and 13-16 (UTC) in the new calendar
        stack.ok("nc_calendar_create_event", Map.of("calendar", "focus", "title", "A", "start", "2027-03-01T10:00:00Z",
                "end", "2027-03-01T12:00:00Z"));
        stack.ok("nc_calendar_create_event", Map.of("calendar", "Deep work", "title", "B", "start", "2027-03-01T13:00:00Z",
                "end", "2027-03-01T16:00:00Z"));
        Map<String, Object> slots = stack.ok("nc_calendar_find_free_slots", Map.of("durationMinutes", 60, "calendars",
                List.of("focus"), "from", "2027-02-27T00:00:00Z", "to", "2027-03-02T00:00:00Z"));
        assertThat(list(slots, "slots")).extracting(s -> s.get("start") + "/" + s.get("end")).containsExactly(
                "2027-03-01T09:00:00Z/2027-03-01T10:00:00Z", "2027-03-01T12:00:00Z/2027-03-01T13:00:00Z",
                "2027-03-01T16:00:00Z/2027-03-01T17:00:00Z");
        assertThat(list(stack.ok("nc_calendar_find_free_slots", Map.of("durationMinutes", 90, "calendars",
                List.of("focus"), "from", "2027-03-01T00:00:00Z", "to", "2027-03-02T00:00:00Z")), "slots")).isEmpty();
        Map<String, Object> withWeekend = stack.ok("nc_calendar_find_free_slots", Map.of("durationMinutes", 60,
                "calendars", List.of("focus"), "from", "2027-02-28T00:00:00Z", "to", "2027-03-01T00:00:00Z",
                "excludeWeekends", false));
        assertThat(list(withWeekend, "slots")).extracting(s -> s.get("start")).containsExactly("2027-02-28T09:00:00Z");

        assertThat(stack.ok("nc_calendar_manage_calendar", Map.of("action", "delete", "calendar", "focus")))
                .containsEntry("action", "deleted");
        assertThat(stack.error("nc_calendar_manage_calendar", Map.of("action", "delete", "calendar", "focus")))
                .contains("There is no calendar 'focus'");
        assertThat(stack.error("nc_calendar_manage_calendar", Map.of("action", "create", "calendar", "../x")))
                .contains("may hold only letters");
    }

    @Test
    void bulkChangesListFirstThenUpdateMoveAndDelete() {
        stack.ok("nc_calendar_manage_calendar", Map.of("action", "create", "calendar", "archive"));
        for (String day : List.of("2027-04-05", "2027-04-06", "2027-04-07")) {
            stack.ok("nc_calendar_create_event", Map.of("title", "Review " + day, "start", day + "T14:00:00Z",
                    "location", "Room 1", "calendar", "personal"));
        }
        stack.ok("nc_calendar_create_event", Map.of("title", "Lunch", "start", "2027-04-06T12:00:00Z"));
        Map<String, Object> range = Map.of("from", "2027-04-01", "to", "2027-04-30", "titleContains", "review");

        Map<String, Object> dry = stack.ok("nc_calendar_bulk_events", with(range, "action", "update", "setLocation", "Room 9"));
        assertThat(dry).containsEntry("dryRun", true).containsEntry("matched", 3);
        assertThat(list(dry, "items")).extracting(i -> i.get("outcome")).containsOnly("would-update");
        assertThat(list(stack.ok("nc_calendar_list_events", with(range, "locationContains", "Room 9")), "events")).isEmpty();

        Map<String, Object> updated = stack.ok("nc_calendar_bulk_events", with(range, "action", "update",
                "setLocation", "Room 9", "setStatus", "CONFIRMED", "dryRun", false));
        assertThat(list(updated, "items")).extracting(i -> i.get("outcome")).containsOnly("updated");
        assertThat(list(stack.ok("nc_calendar_list_events", with(range, "locationContains", "Room 9")), "events"))
                .hasSize(3).allSatisfy(e -> assertThat(e).containsEntry("status", "CONFIRMED"));

        Map<String, Object> moved = stack.ok("nc_calendar_bulk_events", with(range, "action", "move",
                "targetCalendar", "archive", "dryRun", false));
        assertThat(moved).containsEntry("matched", 3).containsEntry("failed", 0);
        assertThat(list(stack.ok("nc_calendar_list_events", Map.of("from", "2027-04-01", "to", "2027-04-30",
                "calendar", "archive")), "events")).hasSize(3);

        Map<String, Object> deleted = stack.ok("nc_calendar_bulk_events", with(range, "action", "delete", "dryRun", false));
        assertThat(deleted).containsEntry("matched", 3);
        assertThat(list(stack.ok("nc_calendar_list_events", Map.of("from", "2027-04-01", "to", "2027-04-30")), "events"))
                .extracting(e -> e.get("title")).containsExactly("Lunch");
        assertThat(stack.error("nc_calendar_bulk_events", with(range, "action", "move", "targetCalendar", "nope")))
                .contains("There is no calendar 'nope'");
        assertThat(stack.error("nc_calendar_bulk_events", with(range, "action", "update"))).contains("needs at least one");
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
        Map<String, Object> map = new HashMap<>(base);
        map.putAll(args(pairs));
        return map;
    }
}
