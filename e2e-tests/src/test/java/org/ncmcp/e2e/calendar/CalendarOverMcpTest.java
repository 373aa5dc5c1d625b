package org.ncmcp.e2e.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.dav.SabreDav;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.e2e.simulator.dav.SabreDavServer;
import org.ncmcp.resource.McpResourceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Calendar tools through a real MCP client, mcp-resource, the Nextcloud simulator and real sabre/dav 1.8
 * (CalDAV). The login name differs from the user id, so the calendar home must come from discovery
 * (current-user-principal → calendar-home-set). Each test works in a calendar of its own, so they do not see each
 * other's events.
 */
@SuppressWarnings("unchecked")
public class CalendarOverMcpTest {

    static SabreDavServer dav;
    static NextcloudSimulator nextcloud;
    static ConfigurableApplicationContext server;
    public static McpSyncClient mcp;
    static String appPassword;

    @BeforeAll
    public static void start() {
        dav = SabreDav.startOrSkip();
        nextcloud = NextcloudSimulator.start(SimulatorOptions.defaults());
        nextcloud.attachDav(dav);
        nextcloud.state().addUser("alice", "alice@example.com", "Alice", "login-secret");
        appPassword = nextcloud.state().issueAppPassword("alice");
        server = new SpringApplicationBuilder(McpResourceApplication.class).run("--server.port=0",
                "--nextcloud.url=" + nextcloud.baseUri(), "--nextcloud.username=alice@example.com",
                "--nextcloud.app-password=" + appPassword, "--spring.main.banner-mode=off");
        mcp = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:"
                        + server.getEnvironment().getProperty("local.server.port")).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(30)).build();
        mcp.initialize();
    }

    @AfterAll
    public static void stop() {
        if (mcp != null) {
            mcp.closeGracefully();
        }
        if (server != null) {
            server.close();
        }
        if (nextcloud != null) {
            nextcloud.close();
        }
        if (dav != null) {
            dav.close();
        }
    }

    public static CallToolResult call(String tool, Map<String, Object> arguments) {
        return mcp.callTool(new CallToolRequest(tool, arguments));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> ok(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as(text(result)).isFalse();
        return (Map<String, Object>) result.structuredContent();
    }

    public static String error(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as("expected an error from " + tool + ", got " + text(result)).isTrue();
        assertThat(text(result)).doesNotContain("Exception", "at org.", "Internal error");
        return text(result);
    }

    public static String text(CallToolResult result) {
        return result.content().stream().filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text()).findFirst().orElse("");
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Map<String, Object> result, String key) {
        return (List<Map<String, Object>>) result.get(key);
    }

    public static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void listsThePersonalCalendarFoundThroughThePrincipal() {
        Map<String, Object> result = ok("nc_calendar_list_calendars", Map.of());
        assertThat(list(result, "calendars")).anySatisfy(calendar -> {
            assertThat(calendar).containsEntry("id", "personal").containsEntry("name", "Personal");
            assertThat((List<Object>) calendar.get("components")).contains("VEVENT", "VTODO");
        });
        assertThat(error("nc_calendar_list_calendars", Map.of("component", "VJOURNAL")))
                .contains("'component' must be one of VEVENT, VTODO");
    }

    @Test
    void toolsCarryScopesAndExplicitHints() {
        List<McpSchema.Tool> tools = mcp.listTools().tools().stream()
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
        Map<String, Object> created = ok("nc_calendar_create_event", args("title", "Planning, Q1", "start",
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

        Map<String, Object> got = ok("nc_calendar_get_event", Map.of("uid", uid));
        assertThat(got).containsEntry("etag", etag).containsEntry("location", "Room 4");

        Map<String, Object> updated = ok("nc_calendar_update_event", Map.of("uid", uid, "etag", etag,
                "location", "Room 5", "start", "2026-12-03T13:00:00Z"));
        assertThat(updated).containsEntry("location", "Room 5").containsEntry("title", "Planning, Q1")
                .containsEntry("start", "2026-12-03T13:00Z").containsEntry("end", "2026-12-03T14:30Z")
                .containsEntry("status", "TENTATIVE").containsEntry("url", "https://meet.example.com/q1");
        assertThat((List<Object>) updated.get("attendees")).hasSize(2);
        assertThat(updated.get("etag")).isNotEqualTo(etag);

        // the etag read before the update is stale now: a conflict naming the current etag, nothing written
        String conflict = error("nc_calendar_update_event", Map.of("uid", uid, "etag", etag, "title", "Lost"));
        assertThat(conflict).contains("changed since you read it", (String) updated.get("etag"));
        assertThat(ok("nc_calendar_get_event", Map.of("uid", uid))).containsEntry("title", "Planning, Q1");
        assertThat(error("nc_calendar_delete_event", Map.of("uid", uid, "etag", etag)))
                .contains("nothing was deleted");

        assertThat(ok("nc_calendar_delete_event", Map.of("uid", uid))).containsEntry("deleted", true);
        assertThat(error("nc_calendar_get_event", Map.of("uid", uid))).contains("There is no event with uid");
        assertThat(error("nc_calendar_delete_event", Map.of("uid", uid))).contains("There is no event with uid");
        assertThat(error("nc_calendar_update_event", Map.of("uid", uid, "title", "x")))
                .contains("There is no event with uid");
    }

    @Test
    void listExpandsRecurringEventsAndFilters() {
        ok("nc_calendar_create_event", args("title", "Standup", "start", "2027-01-04T09:00:00Z",
                "durationMinutes", 15, "recurrence", "FREQ=WEEKLY;BYDAY=MO,WE", "recurrenceCount", 6,
                "categories", List.of("team")));
        ok("nc_calendar_create_event", args("title", "Offsite", "start", "2027-01-06", "allDay", true,
                "location", "Lake house", "attendees", List.of("a@example.com", "b@example.com")));
        Map<String, Object> january = ok("nc_calendar_list_events", Map.of("from", "2027-01-01T00:00:00Z",
                "to", "2027-01-12T00:00:00Z"));
        List<Map<String, Object>> events = list(january, "events");
        assertThat(events).extracting(e -> e.get("title") + "@" + e.get("start")).containsExactly(
                "Standup@2027-01-04T09:00Z", "Offsite@2027-01-06", "Standup@2027-01-06T09:00Z",
                "Standup@2027-01-11T09:00Z");
        assertThat(events.get(0)).containsEntry("recurrence", "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6")
                .containsEntry("recurrenceId", "2027-01-04T09:00Z");

        assertThat(list(ok("nc_calendar_list_events", Map.of("from", "2027-01-01", "to", "2027-03-01",
                "titleContains", "STAND")), "events")).hasSize(6);
        assertThat(list(ok("nc_calendar_list_events", Map.of("from", "2027-01-01", "to", "2027-03-01",
                "minAttendees", 2)), "events")).extracting(e -> e.get("title")).containsExactly("Offsite");
        assertThat(list(ok("nc_calendar_list_events", Map.of("from", "2027-01-01", "to", "2027-03-01",
                "minDurationMinutes", 60)), "events")).extracting(e -> e.get("title")).containsExactly("Offsite");
        assertThat(list(ok("nc_calendar_list_events", Map.of("from", "2027-01-01", "to", "2027-03-01",
                "categories", List.of("TEAM"), "locationContains", "")), "events")).hasSize(6);
        assertThat(error("nc_calendar_list_events", Map.of("calendar", "nope"))).contains("There is no calendar 'nope'");
        assertThat(error("nc_calendar_list_events", Map.of("from", "next tuesday"))).contains("ISO-8601");
    }

    @Test
    void badInputIsExplainedAndNothingIsWritten() {
        assertThat(error("nc_calendar_create_event", Map.of("title", "x", "start", "2027-02-01T10:00:00Z",
                "end", "2027-02-01T09:00:00Z"))).contains("must be after the start");
        assertThat(error("nc_calendar_create_event", Map.of("title", "x", "start", "2027-02-01T10:00:00Z",
                "recurrence", "FREQ=HOURLY"))).contains("FREQ must be");
        assertThat(error("nc_calendar_create_event", Map.of("title", "x", "start", "2027-02-01T10:00:00Z",
                "attendees", List.of("not an address")))).contains("is not an e-mail address");
        assertThat(error("nc_calendar_create_event", Map.of("title", "x", "start", "2027-02-01T10:00:00Z",
                "calendar", "missing"))).contains("There is no calendar 'missing'");
        assertThat(list(ok("nc_calendar_list_events", Map.of("from", "2027-02-01", "to", "2027-02-02")), "events"))
                .isEmpty();
    }

    @Test
    void quickMeetingShowsUpAmongUpcomingEvents() {
        String start = java.time.Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .toString();
        Map<String, Object> meeting = ok("nc_calendar_create_meeting", Map.of("title", "Quick sync", "start", start,
                "attendees", List.of("bob@example.com")));
        assertThat(meeting).containsEntry("durationMinutes", 30).containsEntry("status", "CONFIRMED");
        assertThat((List<Object>) meeting.get("reminders")).containsExactly(15);
        Map<String, Object> today = ok("nc_calendar_create_event", Map.of("title", "Holiday", "allDay", true,
                "start", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()));
        Map<String, Object> upcoming = ok("nc_calendar_upcoming_events", Map.of("days", 1));
        assertThat(list(upcoming, "events")).extracting(e -> e.get("uid"))
                .contains(meeting.get("uid"), today.get("uid"));
        ok("nc_calendar_delete_event", Map.of("uid", today.get("uid")));
        assertThat(error("nc_calendar_create_meeting", Map.of("title", "x", "start", "2027-01-01")))
                .contains("needs a start time");
        ok("nc_calendar_delete_event", Map.of("uid", meeting.get("uid")));
    }

    @Test
    void manageCalendarsAndFindFreeSlotsInOne() {
        Map<String, Object> created = ok("nc_calendar_manage_calendar", Map.of("action", "create", "calendar",
                "focus", "name", "Focus", "color", "#112233"));
        assertThat((Map<String, Object>) created.get("calendar")).containsEntry("id", "focus")
                .containsEntry("name", "Focus").containsEntry("color", "#112233");
        assertThat(error("nc_calendar_manage_calendar", Map.of("action", "create", "calendar", "focus")))
                .contains("already exists");
        Map<String, Object> renamed = ok("nc_calendar_manage_calendar", Map.of("action", "update", "calendar",
                "focus", "name", "Deep work", "color", "#445566"));
        assertThat((Map<String, Object>) renamed.get("calendar")).containsEntry("name", "Deep work")
                .containsEntry("color", "#445566");

        // Monday 2027-03-01: busy 10-12 and 13-16 (UTC) in the new calendar
        ok("nc_calendar_create_event", Map.of("calendar", "focus", "title", "A", "start", "2027-03-01T10:00:00Z",
                "end", "2027-03-01T12:00:00Z"));
        ok("nc_calendar_create_event", Map.of("calendar", "Deep work", "title", "B", "start", "2027-03-01T13:00:00Z",
                "end", "2027-03-01T16:00:00Z"));
        Map<String, Object> slots = ok("nc_calendar_find_free_slots", Map.of("durationMinutes", 60, "calendars",
                List.of("focus"), "from", "2027-02-27T00:00:00Z", "to", "2027-03-02T00:00:00Z"));
        assertThat(list(slots, "slots")).extracting(s -> s.get("start") + "/" + s.get("end")).containsExactly(
                "2027-03-01T09:00:00Z/2027-03-01T10:00:00Z", "2027-03-01T12:00:00Z/2027-03-01T13:00:00Z",
                "2027-03-01T16:00:00Z/2027-03-01T17:00:00Z");
        assertThat(list(ok("nc_calendar_find_free_slots", Map.of("durationMinutes", 90, "calendars",
                List.of("focus"), "from", "2027-03-01T00:00:00Z", "to", "2027-03-02T00:00:00Z")), "slots")).isEmpty();
        Map<String, Object> withWeekend = ok("nc_calendar_find_free_slots", Map.of("durationMinutes", 60,
                "calendars", List.of("focus"), "from", "2027-02-28T00:00:00Z", "to", "2027-03-01T00:00:00Z",
                "excludeWeekends", false));
        assertThat(list(withWeekend, "slots")).extracting(s -> s.get("start")).containsExactly("2027-02-28T09:00:00Z");

        assertThat(ok("nc_calendar_manage_calendar", Map.of("action", "delete", "calendar", "focus")))
                .containsEntry("action", "deleted");
        assertThat(error("nc_calendar_manage_calendar", Map.of("action", "delete", "calendar", "focus")))
                .contains("There is no calendar 'focus'");
        assertThat(error("nc_calendar_manage_calendar", Map.of("action", "create", "calendar", "../x")))
                .contains("may hold only letters");
    }

    @Test
    void bulkChangesListFirstThenUpdateMoveAndDelete() {
        ok("nc_calendar_manage_calendar", Map.of("action", "create", "calendar", "archive"));
        for (String day : List.of("2027-04-05", "2027-04-06", "2027-04-07")) {
            ok("nc_calendar_create_event", Map.of("title", "Review " + day, "start", day + "T14:00:00Z",
                    "location", "Room 1", "calendar", "personal"));
        }
        ok("nc_calendar_create_event", Map.of("title", "Lunch", "start", "2027-04-06T12:00:00Z"));
        Map<String, Object> range = Map.of("from", "2027-04-01", "to", "2027-04-30", "titleContains", "review");

        Map<String, Object> dry = ok("nc_calendar_bulk_events", with(range, "action", "update", "setLocation", "Room 9"));
        assertThat(dry).containsEntry("dryRun", true).containsEntry("matched", 3);
        assertThat(list(dry, "items")).extracting(i -> i.get("outcome")).containsOnly("would-update");
        assertThat(list(ok("nc_calendar_list_events", with(range, "locationContains", "Room 9")), "events")).isEmpty();

        Map<String, Object> updated = ok("nc_calendar_bulk_events", with(range, "action", "update",
                "setLocation", "Room 9", "setStatus", "CONFIRMED", "dryRun", false));
        assertThat(list(updated, "items")).extracting(i -> i.get("outcome")).containsOnly("updated");
        assertThat(list(ok("nc_calendar_list_events", with(range, "locationContains", "Room 9")), "events"))
                .hasSize(3).allSatisfy(e -> assertThat(e).containsEntry("status", "CONFIRMED"));

        Map<String, Object> moved = ok("nc_calendar_bulk_events", with(range, "action", "move",
                "targetCalendar", "archive", "dryRun", false));
        assertThat(moved).containsEntry("matched", 3).containsEntry("failed", 0);
        assertThat(list(ok("nc_calendar_list_events", Map.of("from", "2027-04-01", "to", "2027-04-30",
                "calendar", "archive")), "events")).hasSize(3);

        Map<String, Object> deleted = ok("nc_calendar_bulk_events", with(range, "action", "delete", "dryRun", false));
        assertThat(deleted).containsEntry("matched", 3);
        assertThat(list(ok("nc_calendar_list_events", Map.of("from", "2027-04-01", "to", "2027-04-30")), "events"))
                .extracting(e -> e.get("title")).containsExactly("Lunch");
        assertThat(error("nc_calendar_bulk_events", with(range, "action", "move", "targetCalendar", "nope")))
                .contains("There is no calendar 'nope'");
        assertThat(error("nc_calendar_bulk_events", with(range, "action", "update"))).contains("needs at least one");
    }

    @Test
    void anEventInAZoneIsStoredWithItsTzidAndRecursAtTheSameLocalTimeAcrossDaylightSaving() throws Exception {
        // 2028-03-26 is the last Sunday of March: Berlin moves from +01:00 to +02:00
        Map<String, Object> created = ok("nc_calendar_create_event", args("title", "Berlin standup",
                "start", "2028-03-13T09:00:00", "durationMinutes", 30, "timezone", "Europe/Berlin",
                "recurrence", "FREQ=WEEKLY", "recurrenceCount", 4));
        assertThat(created).containsEntry("timezone", "Europe/Berlin").containsEntry("start", "2028-03-13T09:00+01:00")
                .containsEntry("end", "2028-03-13T09:30+01:00");
        String ics = stored("personal", (String) created.get("uid"));
        assertThat(ics).contains("DTSTART;TZID=Europe/Berlin:20280313T090000",
                "DTEND;TZID=Europe/Berlin:20280313T093000", "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");

        Map<String, Object> march = ok("nc_calendar_list_events", Map.of("from", "2028-03-01T00:00:00Z",
                "to", "2028-04-10T00:00:00Z", "titleContains", "Berlin standup"));
        assertThat(list(march, "events")).extracting(e -> e.get("start")).containsExactly("2028-03-13T09:00+01:00",
                "2028-03-20T09:00+01:00", "2028-03-27T09:00+02:00", "2028-04-03T09:00+02:00");
        // the DAV server's own time-range filter agrees: 07:00Z is the occurrence after the change
        assertThat(list(ok("nc_calendar_list_events", Map.of("from", "2028-03-27T06:50:00Z",
                "to", "2028-03-27T07:10:00Z")), "events")).extracting(e -> e.get("title"))
                .containsExactly("Berlin standup");

        // a time with an offset keeps the event's zone; a zone given alone re-expresses the same instant
        Map<String, Object> moved = ok("nc_calendar_update_event", Map.of("uid", created.get("uid"),
                "start", "2028-03-13T07:00:00Z"));
        assertThat(moved).containsEntry("start", "2028-03-13T08:00+01:00").containsEntry("timezone", "Europe/Berlin");
        Map<String, Object> london = ok("nc_calendar_update_event", Map.of("uid", created.get("uid"),
                "timezone", "Europe/London"));
        assertThat(london).containsEntry("start", "2028-03-13T07:00Z").containsEntry("timezone", "Europe/London");
        assertThat(stored("personal", (String) created.get("uid")))
                .contains("DTSTART;TZID=Europe/London:20280313T070000", "TZID:Europe/London");

        assertThat(error("nc_calendar_create_event", Map.of("title", "x", "start", "2028-03-13T09:00:00",
                "timezone", "Europe/Atlantis"))).contains("'timezone'", "Europe/Atlantis");
        ok("nc_calendar_delete_event", Map.of("uid", created.get("uid")));
    }

    @Test
    void oneOccurrenceOfARecurringEventIsMovedOrCancelledAndTheSeriesStays() throws Exception {
        Map<String, Object> created = ok("nc_calendar_create_event", args("title", "Review", "location", "Room 1",
                "start", "2028-05-01T10:00:00", "timezone", "Europe/Berlin", "durationMinutes", 60,
                "recurrence", "FREQ=WEEKLY", "recurrenceCount", 4));
        String uid = (String) created.get("uid");
        Map<String, Object> may = Map.of("from", "2028-05-01T00:00:00Z", "to", "2028-06-01T00:00:00Z",
                "titleContains", "review");
        String second = (String) list(ok("nc_calendar_list_events", may), "events").get(1).get("recurrenceId");
        assertThat(second).isEqualTo("2028-05-08T10:00+02:00");

        Map<String, Object> moved = ok("nc_calendar_update_event", Map.of("uid", uid, "occurrence", second,
                "etag", created.get("etag"), "start", "2028-05-09T14:00:00", "title", "Review (moved)"));
        assertThat(moved).containsEntry("start", "2028-05-09T14:00+02:00")
                .containsEntry("end", "2028-05-09T15:00+02:00").containsEntry("title", "Review (moved)").containsEntry("location", "Room 1")
                .containsEntry("recurrenceId", second);
        String ics = stored("personal", uid);
        assertThat(ics).contains("RECURRENCE-ID;TZID=Europe/Berlin:20280508T100000",
                "DTSTART;TZID=Europe/Berlin:20280509T140000", "RRULE:FREQ=WEEKLY;COUNT=4");
        assertThat(ics.split("BEGIN:VEVENT", -1)).hasSize(3);
        assertThat(list(ok("nc_calendar_list_events", may), "events"))
                .extracting(e -> e.get("title") + "@" + e.get("start")).containsExactly(
                        "Review@2028-05-01T10:00+02:00", "Review (moved)@2028-05-09T14:00+02:00",
                        "Review@2028-05-15T10:00+02:00", "Review@2028-05-22T10:00+02:00");

        // the etag read before is stale: a conflict, nothing written
        assertThat(error("nc_calendar_update_event", Map.of("uid", uid, "occurrence", second,
                "etag", created.get("etag"), "title", "Lost"))).contains("changed since you read it");
        // a second change to the same occurrence edits its override, not a new one
        Map<String, Object> again = ok("nc_calendar_update_event", Map.of("uid", uid, "occurrence", second,
                "etag", moved.get("etag"), "location", "Room 2"));
        assertThat(again).containsEntry("title", "Review (moved)").containsEntry("location", "Room 2");
        assertThat(stored("personal", uid).split("BEGIN:VEVENT", -1)).hasSize(3);

        Map<String, Object> cancelled = ok("nc_calendar_delete_event", Map.of("uid", uid,
                "occurrence", "2028-05-15T08:00:00Z", "etag", again.get("etag")));
        assertThat(cancelled).containsEntry("occurrence", "2028-05-15T10:00+02:00").containsEntry("deleted", true);
        assertThat(stored("personal", uid)).contains("EXDATE;TZID=Europe/Berlin:20280515T100000");
        assertThat(error("nc_calendar_delete_event", Map.of("uid", uid, "occurrence", "2028-05-15T10:00:00")))
                .contains("was cancelled already");
        // cancelling the moved occurrence removes its override too
        ok("nc_calendar_delete_event", Map.of("uid", uid, "occurrence", second));
        assertThat(list(ok("nc_calendar_list_events", may), "events"))
                .extracting(e -> e.get("title") + "@" + e.get("start")).containsExactly(
                        "Review@2028-05-01T10:00+02:00", "Review@2028-05-22T10:00+02:00");
        assertThat(stored("personal", uid).split("BEGIN:VEVENT", -1)).hasSize(2);

        assertThat(error("nc_calendar_update_event", Map.of("uid", uid, "occurrence", "2028-05-10T10:00:00",
                "title", "x"))).contains("is not an occurrence of event");
        assertThat(error("nc_calendar_update_event", Map.of("uid", uid, "occurrence", "2028-05-22T10:00:00",
                "recurrence", "FREQ=DAILY"))).contains("'recurrence' changes the whole series");
        Map<String, Object> single = ok("nc_calendar_create_event", Map.of("title", "Once",
                "start", "2028-05-03T10:00:00Z"));
        assertThat(error("nc_calendar_delete_event", Map.of("uid", single.get("uid"),
                "occurrence", "2028-05-03T10:00:00Z"))).contains("does not recur");
        ok("nc_calendar_delete_event", Map.of("uid", single.get("uid")));
        ok("nc_calendar_delete_event", Map.of("uid", uid));
    }

    /** The object as the DAV server stores it, read with the same app password. */
    private static String stored(String calendar, String uid) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("alice@example.com:" + appPassword)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                nextcloud.baseUri() + "/remote.php/dav/calendars/alice/" + calendar + "/" + uid + ".ics"))
                .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // unfolded, so a long line can be matched whole
        return response.body().replace("\r\n ", "");
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
        Map<String, Object> map = new HashMap<>(base);
        map.putAll(args(pairs));
        return map;
    }
}
