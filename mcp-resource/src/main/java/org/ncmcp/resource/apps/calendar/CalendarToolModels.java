package org.ncmcp.resource.apps.calendar;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Inputs and outputs of the Calendar tools; their JSON schemas are generated from these records. */
final class CalendarToolModels {

    private CalendarToolModels() {
    }

    static final String CALENDAR = "Calendar id (from nc_calendar_list_calendars) or its display name.";
    static final String WHEN = "ISO-8601: a date-time with offset (2026-12-03T10:00:00+01:00 or …Z), a local"
            + " date-time (2026-12-03T10:00:00) read in 'timezone', or a date (2026-12-03) for all-day.";
    static final String TIMEZONE = "IANA time zone of the event, e.g. Europe/Berlin: local date-times are read as"
            + " wall-clock time there, and the event is stored with that zone (TZID), so a recurring event stays at"
            + " the same local time across daylight-saving changes.";
    static final String OCCURRENCE = "For one occurrence of a recurring event: its original start, as the"
            + " 'recurrenceId' nc_calendar_list_events shows (e.g. 2027-01-11T09:00Z or 2027-01-11T10:00+01:00; a date"
            + " for all-day events). Only that occurrence changes; omit to change the whole series.";

    record ListCalendarsInput(
            @Schema(description = "Only calendars that can hold this component: VEVENT (events) or VTODO (tasks);"
                    + " default all.", example = "VEVENT", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 20) String component) {
    }

    @Schema(description = "A calendar.")
    record CalendarInfo(
            @Schema(description = "Id to pass to other tools.") String id,
            @Schema(description = "Display name.") String name,
            @Schema(description = "Colour (e.g. #0082C9), empty when unset.") String color,
            @Schema(description = "Description, empty when unset.") String description,
            @Schema(description = "Components it holds (VEVENT, VTODO); empty means any.") List<String> components) {
    }

    record CalendarList(int count, List<CalendarInfo> calendars) {
    }

    record CreateEventInput(
            @Schema(description = "Title (SUMMARY).", example = "Team meeting") @NotBlank @Size(max = 500)
            String title,
            @Schema(description = "Start. " + WHEN, example = "2026-12-03T10:00:00Z") @NotBlank @Size(max = 40)
            String start,
            @Schema(description = "End, after start; for all-day events the day after the last day (exclusive)."
                    + " Default: start + durationMinutes, or one day for all-day.", example = "2026-12-03T11:00:00Z",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 40) String end,
            @Schema(description = "Length in minutes when no end is given (default 60).", example = "45",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(525600) Integer durationMinutes,
            @Schema(description = "All-day event (start and end are dates). Default: true when start is a date.",
                    requiredMode = RequiredMode.NOT_REQUIRED) Boolean allDay,
            @Schema(description = CALENDAR + " Default: your first calendar that holds events.", example = "personal",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String calendar,
            @Schema(description = "Description.", example = "Agenda: roadmap", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 20000) String description,
            @Schema(description = "Location.", example = "Room 4", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 500) String location,
            @Schema(description = "Categories (tags).", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 50) List<String> categories,
            @Schema(description = "Recurrence rule (RFC 5545 RRULE) without UNTIL/COUNT, e.g. FREQ=WEEKLY;BYDAY=MO,WE.",
                    example = "FREQ=WEEKLY;BYDAY=MO", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 300)
            String recurrence,
            @Schema(description = "Last day the recurrence may occur (date), with recurrence.", example = "2027-06-30",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 40) String recurrenceEnd,
            @Schema(description = "Number of occurrences, with recurrence (instead of recurrenceEnd).", example = "10",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(1000) Integer recurrenceCount,
            @Schema(description = "Reminders, in minutes before the start (a VALARM each).",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 10) List<Integer> reminders,
            @Schema(description = "TENTATIVE, CONFIRMED or CANCELLED.", example = "CONFIRMED",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) String status,
            @Schema(description = "Priority 0-9 (1 highest, 9 lowest, 0 undefined).", example = "5",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(0) @Max(9) Integer priority,
            @Schema(description = "Privacy (CLASS): PUBLIC, PRIVATE or CONFIDENTIAL.", example = "PRIVATE",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) String privacy,
            @Schema(description = "Attendees' e-mail addresses, optionally 'Name <address>'.",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 100)
            List<String> attendees,
            @Schema(description = "A link about the event.", example = "https://meet.example.com/abc",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 2000) String url,
            @Schema(description = "Event colour (CSS colour name or #rrggbb, RFC 7986).", example = "#ff0000",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 30) String color,
            @Schema(description = TIMEZONE + " Default: UTC (times with an offset are stored in UTC).",
                    example = "Europe/Berlin", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 60)
            String timezone) {
    }

    @Schema(description = "An event, or one occurrence of a recurring event.")
    record Event(
            @Schema(description = "Calendar id.") String calendar,
            @Schema(description = "The event's UID; pass it to get, update or delete.") String uid,
            @Schema(description = "Version tag; pass it to update or delete only this version.") String etag,
            String title,
            @Schema(description = "Start (ISO-8601; a date for all-day events).") String start,
            @Schema(description = "End, exclusive (ISO-8601; a date for all-day events).") String end,
            @Schema(description = "The event's IANA time zone (start and end are then its local time with offset);"
                    + " empty for UTC and all-day events.") String timezone,
            boolean allDay,
            long durationMinutes,
            String description,
            String location,
            List<String> categories,
            @Schema(description = "TENTATIVE, CONFIRMED, CANCELLED or empty.") String status,
            @Schema(description = "0-9, 0 when undefined.") int priority,
            @Schema(description = "PUBLIC, PRIVATE, CONFIDENTIAL or empty.") String privacy,
            String url,
            String color,
            List<String> attendees,
            String organizer,
            @Schema(description = "RRULE of a recurring event, empty otherwise.") String recurrence,
            @Schema(description = "For one occurrence of a recurring event: which one (its original start).")
            String recurrenceId,
            @Schema(description = "Reminders in minutes before the start.") List<Long> reminders) {
    }

    record ListEventsInput(
            @Schema(description = "Range start. " + WHEN + " Default: now.", example = "2026-12-01T00:00:00Z",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 40) String from,
            @Schema(description = "Range end (exclusive). Default: 30 days after from.", example = "2026-12-31",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 40) String to,
            @Schema(description = CALENDAR + " Default: all calendars.", example = "personal",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String calendar,
            @Schema(description = "Only events whose title contains this (case-insensitive).", example = "standup",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String titleContains,
            @Schema(description = "Only events whose location contains this.", example = "Room 4",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String locationContains,
            @Schema(description = "Only events with at least one of these categories.",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) List<String> categories,
            @Schema(description = "Only events with this status.", example = "CONFIRMED",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) String status,
            @Schema(description = "Only events with at least this many attendees.", example = "2",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(0) @Max(10000) Integer minAttendees,
            @Schema(description = "Only events lasting at least this many minutes.", example = "30",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(0) @Max(525600) Integer minDurationMinutes,
            @Schema(description = "Most results (1-500, default 100).", example = "100",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(500) Integer limit) {
    }

    record EventList(String from, String to, int count, boolean truncated, List<Event> events) {
    }

    record EventRef(
            @Schema(description = "The event's UID.", example = "3b2c6a1e-9f2d-4c1a-8e0b-5d7f1a2b3c4d") @NotBlank
            @Size(max = 500) String uid,
            @Schema(description = CALENDAR + " Default: search all calendars.", example = "personal",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String calendar) {
    }

    record UpdateEventInput(
            @Schema(description = "The event's UID.", example = "3b2c6a1e-9f2d-4c1a-8e0b-5d7f1a2b3c4d") @NotBlank
            @Size(max = 500) String uid,
            @Schema(description = CALENDAR + " Default: search all calendars.", example = "personal",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String calendar,
            @Schema(description = "The etag from when you read the event: if it changed since, nothing is written"
                    + " and the error names the current etag. Omit to update whatever version is current.",
                    example = "a1b2c3", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String etag,
            @Schema(description = "New title.", example = "Team meeting (moved)",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 500) String title,
            @Schema(description = "New start. " + WHEN + " The length is kept unless end is given.",
                    example = "2026-12-03T14:00:00Z", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 40)
            String start,
            @Schema(description = "New end.", example = "2026-12-03T15:00:00Z",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 40) String end,
            @Schema(description = "New description; empty string clears it.", example = "Updated agenda",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20000) String description,
            @Schema(description = "New location; empty string clears it.", example = "Room 5",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 500) String location,
            @Schema(description = "New categories (replace the old ones); empty list clears.",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 50) List<String> categories,
            @Schema(description = "New RRULE; empty string makes it a single event.", example = "FREQ=DAILY;COUNT=5",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 300) String recurrence,
            @Schema(description = "New reminders in minutes before the start (replace the old); empty list clears.",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 10) List<Integer> reminders,
            @Schema(description = "TENTATIVE, CONFIRMED or CANCELLED.", example = "CANCELLED",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) String status,
            @Schema(description = "Priority 0-9.", example = "1", requiredMode = RequiredMode.NOT_REQUIRED) @Min(0)
            @Max(9) Integer priority,
            @Schema(description = "PUBLIC, PRIVATE or CONFIDENTIAL.", example = "PUBLIC",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) String privacy,
            @Schema(description = "Attendees (replace the old); empty list clears.",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 100) List<String> attendees,
            @Schema(description = "New link; empty string clears it.", example = "https://example.com",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 2000) String url,
            @Schema(description = "New colour; empty string clears it.", example = "#00ff00",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 30) String color,
            @Schema(description = TIMEZONE + " Default: the event's own zone. Given alone, the event keeps its"
                    + " instant and is stored in the new zone.", example = "Europe/Berlin",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 60) String timezone,
            @Schema(description = OCCURRENCE, example = "2027-01-11T09:00:00Z",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 60) String occurrence) {
    }

    record DeleteEventInput(
            @Schema(description = "The event's UID.", example = "3b2c6a1e-9f2d-4c1a-8e0b-5d7f1a2b3c4d") @NotBlank
            @Size(max = 500) String uid,
            @Schema(description = CALENDAR + " Default: search all calendars.", example = "personal",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String calendar,
            @Schema(description = "Delete only if the event still has this etag.", example = "a1b2c3",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String etag,
            @Schema(description = "Cancel only this occurrence of a recurring event (it gets an EXDATE): its"
                    + " original start, as the 'recurrenceId' nc_calendar_list_events shows. Omit to delete the event"
                    + " with all its occurrences.", example = "2027-01-11T09:00:00Z",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 60) String occurrence) {
    }

    record Deleted(String calendar, String uid, boolean deleted,
            @Schema(description = "The cancelled occurrence's original start; empty when the whole event was"
                    + " deleted.") String occurrence) {
    }

    record CreateMeetingInput(
            @Schema(description = "Title.", example = "1:1 with Bob") @NotBlank @Size(max = 500) String title,
            @Schema(description = "Start. " + WHEN, example = "2026-12-04T15:00:00Z") @NotBlank @Size(max = 40)
            String start,
            @Schema(description = "Length in minutes (default 30).", example = "30",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(1440) Integer durationMinutes,
            @Schema(description = "Attendees' e-mail addresses.", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 100) List<String> attendees,
            @Schema(description = "Location or meeting link.", example = "https://meet.example.com/bob",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 2000) String location,
            @Schema(description = CALENDAR + " Default: your first calendar that holds events.", example = "personal",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String calendar,
            @Schema(description = TIMEZONE + " Default: UTC.", example = "Europe/Berlin",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 60) String timezone) {
    }

    record UpcomingInput(
            @Schema(description = "How many days ahead to look (1-365, default 7).", example = "7",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(365) Integer days,
            @Schema(description = CALENDAR + " Default: all calendars.", example = "personal",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String calendar,
            @Schema(description = "Most results (1-200, default 20).", example = "20",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(200) Integer limit) {
    }

    record FreeSlotsInput(
            @Schema(description = "Length of the slot needed, in minutes.", example = "60") @Min(5) @Max(1440)
            int durationMinutes,
            @Schema(description = "Search from. " + WHEN + " Default: now.", example = "2026-12-07",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 40) String from,
            @Schema(description = "Search until (exclusive). Default: 7 days after from.", example = "2026-12-12",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 40) String to,
            @Schema(description = "Calendars whose events count as busy (ids or names). Default: all.",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 50) List<String> calendars,
            @Schema(description = "Working day start, HH:mm (default 09:00).", example = "09:00",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 5) String dayStart,
            @Schema(description = "Working day end, HH:mm (default 17:00).", example = "17:00",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 5) String dayEnd,
            @Schema(description = "Time zone of the working hours (IANA id, default UTC).", example = "Europe/Berlin",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 60) String timeZone,
            @Schema(description = "Skip Saturdays and Sundays (default true).",
                    requiredMode = RequiredMode.NOT_REQUIRED) Boolean excludeWeekends,
            @Schema(description = "Most slots (1-100, default 20).", example = "20",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(100) Integer limit) {
    }

    record Slot(String start, String end, long minutes) {
    }

    record SlotList(int durationMinutes, int count, List<Slot> slots) {
    }

    record ManageCalendarInput(
            @Schema(description = "create, update (rename/recolour) or delete.", example = "create") @NotBlank
            @Size(max = 10) String action,
            @Schema(description = "Calendar id: the new one's (letters, digits, '-', '_') for create, else an"
                    + " existing id or name.", example = "projects") @NotBlank @Size(max = 100) String calendar,
            @Schema(description = "Display name (create, update).", example = "Projects",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String name,
            @Schema(description = "Colour #rrggbb (create, update).", example = "#0082c9",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 30) String color,
            @Schema(description = "For create: also hold tasks (VTODO) besides events (default true).",
                    requiredMode = RequiredMode.NOT_REQUIRED) Boolean withTasks) {
    }

    record CalendarChanged(String action, CalendarInfo calendar) {
    }

    record BulkInput(
            @Schema(description = "update, delete or move.", example = "move") @NotBlank @Size(max = 10) String action,
            @Schema(description = "Range start: events with an occurrence in [from, to) are affected. " + WHEN,
                    example = "2026-12-01") @NotBlank @Size(max = 40) String from,
            @Schema(description = "Range end (exclusive).", example = "2027-01-01") @NotBlank @Size(max = 40) String to,
            @Schema(description = CALENDAR + " Default: all calendars.", example = "personal",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String calendar,
            @Schema(description = "Only events whose title contains this.", example = "standup",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String titleContains,
            @Schema(description = "Only events whose location contains this.", example = "Room 4",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String locationContains,
            @Schema(description = "Only events with at least one of these categories.",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) List<String> categories,
            @Schema(description = "Only events with this status.", example = "TENTATIVE",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) String status,
            @Schema(description = "Only list what would change (default true). Set false to apply.",
                    requiredMode = RequiredMode.NOT_REQUIRED) Boolean dryRun,
            @Schema(description = "For move: the calendar to move the events to.", example = "work",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String targetCalendar,
            @Schema(description = "For update: new status.", example = "CONFIRMED",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) String setStatus,
            @Schema(description = "For update: new location (empty string clears).", example = "Room 5",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 500) String setLocation,
            @Schema(description = "For update: new categories (replace the old).",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 50) List<String> setCategories,
            @Schema(description = "For update: new privacy PUBLIC, PRIVATE or CONFIDENTIAL.", example = "PRIVATE",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) String setPrivacy) {
    }

    record BulkItem(String calendar, String uid, String title, String start,
            @Schema(description = "would-update, would-delete, would-move, updated, deleted, moved, or failed: …")
            String outcome) {
    }

    record BulkResult(String action, boolean dryRun, int matched, int failed, List<BulkItem> items) {
    }
}
