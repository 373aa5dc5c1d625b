package org.ncmcp.model.tool;

import static org.ncmcp.model.scope.NextcloudApp.CALENDAR;

import java.util.List;
import org.ncmcp.model.scope.Scope;

/**
 * The calendar tools of the catalogue (name, title, scope, hints). Kept in a file of its own so each
 * app's tools can be added without touching the others; {@link ToolCatalogue} indexes them all.
 */
public final class CalendarCatalogue {

    public static final String LIST_CALENDARS_NAME = "nc_calendar_list_calendars";
    public static final String CREATE_EVENT_NAME = "nc_calendar_create_event";
    public static final String LIST_EVENTS_NAME = "nc_calendar_list_events";
    public static final String GET_EVENT_NAME = "nc_calendar_get_event";
    public static final String UPDATE_EVENT_NAME = "nc_calendar_update_event";
    public static final String DELETE_EVENT_NAME = "nc_calendar_delete_event";

    public static final String CREATE_MEETING_NAME = "nc_calendar_create_meeting";
    public static final String UPCOMING_EVENTS_NAME = "nc_calendar_upcoming_events";
    public static final String FIND_FREE_SLOTS_NAME = "nc_calendar_find_free_slots";
    public static final String BULK_EVENTS_NAME = "nc_calendar_bulk_events";
    public static final String MANAGE_CALENDAR_NAME = "nc_calendar_manage_calendar";

    public static final ToolInfo LIST_CALENDARS = read(LIST_CALENDARS_NAME, "List calendars");
    // Each call adds another event: not idempotent; it changes nothing that exists: not destructive.
    public static final ToolInfo CREATE_EVENT = new ToolInfo(CREATE_EVENT_NAME, "Create event", Scope.write(CALENDAR),
            ToolHints.additive());
    public static final ToolInfo LIST_EVENTS = read(LIST_EVENTS_NAME, "List events");
    public static final ToolInfo GET_EVENT = read(GET_EVENT_NAME, "Get event");
    public static final ToolInfo UPDATE_EVENT = new ToolInfo(UPDATE_EVENT_NAME, "Update event", Scope.write(CALENDAR),
            ToolHints.update());
    public static final ToolInfo DELETE_EVENT = new ToolInfo(DELETE_EVENT_NAME, "Delete event", Scope.write(CALENDAR),
            ToolHints.delete());
    public static final ToolInfo CREATE_MEETING = new ToolInfo(CREATE_MEETING_NAME, "Quick meeting",
            Scope.write(CALENDAR), ToolHints.additive());
    public static final ToolInfo UPCOMING_EVENTS = read(UPCOMING_EVENTS_NAME, "Upcoming events");
    public static final ToolInfo FIND_FREE_SLOTS = read(FIND_FREE_SLOTS_NAME, "Find free time");
    // Applies update/delete/move to many events at once (dry run by default); repeating a move or delete finds
    // nothing left to do, but an update bumps SEQUENCE again: destructive, not idempotent.
    public static final ToolInfo BULK_EVENTS = new ToolInfo(BULK_EVENTS_NAME, "Bulk change events",
            Scope.write(CALENDAR), new ToolHints(false, true, false, false));
    // Creating adds, renaming changes in place, deleting removes a calendar with everything in it: destructive;
    // a second create of the same id fails, so not idempotent.
    public static final ToolInfo MANAGE_CALENDAR = new ToolInfo(MANAGE_CALENDAR_NAME, "Manage calendars",
            Scope.write(CALENDAR), new ToolHints(false, true, false, false));

    /** Every calendar tool, in the order they are listed. */
    public static final List<ToolInfo> TOOLS = List.of(LIST_CALENDARS, CREATE_EVENT, LIST_EVENTS, GET_EVENT,
            UPDATE_EVENT, DELETE_EVENT, CREATE_MEETING, UPCOMING_EVENTS, FIND_FREE_SLOTS,
            BULK_EVENTS, MANAGE_CALENDAR);

    private CalendarCatalogue() {
    }

    private static ToolInfo read(String name, String title) {
        return new ToolInfo(name, title, Scope.read(CALENDAR), ToolHints.read());
    }
}
