package org.ncmcp.resource.apps.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ncmcp.resource.apps.calendar.caldav.CalDavClient;
import org.ncmcp.resource.apps.calendar.caldav.CalendarCollection;
import org.ncmcp.resource.apps.calendar.caldav.CalendarObject;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;

/** Events across the user's calendars: which calendars to look in, and finding one event by UID. */
class EventStore {

    static final String VEVENT = "VEVENT";

    private final CalDavClient calDav;

    EventStore(CalDavClient calDav) {
        this.calDav = calDav;
    }

    CalDavClient calDav() {
        return calDav;
    }

    /** The named calendar, or every calendar that can hold events. */
    List<CalendarCollection> calendars(String idOrName) {
        if (idOrName != null && !idOrName.isBlank()) {
            return List.of(calDav.calendar(idOrName.trim()));
        }
        return calDav.calendars().stream().filter(c -> c.holds(VEVENT)).toList();
    }

    /** Where new events go: the named calendar, else the first that holds events. */
    CalendarCollection target(String idOrName) {
        List<CalendarCollection> calendars = calendars(idOrName);
        if (calendars.isEmpty()) {
            throw new NextcloudNotFoundException(404, "You have no calendar that can hold events; create one with"
                    + " nc_calendar_manage_calendar.");
        }
        return calendars.get(0);
    }

    List<CalendarEvent> events(List<CalendarCollection> calendars, Instant from, Instant to) {
        List<CalendarEvent> events = new ArrayList<>();
        for (CalendarCollection calendar : calendars) {
            for (CalendarObject object : calDav.query(calendar, VEVENT, from, to)) {
                CalendarEvent event = CalendarEvent.of(object, VEVENT);
                if (event != null) {
                    events.add(event);
                }
            }
        }
        return events;
    }

    CalendarEvent find(String uid, String calendar) {
        for (CalendarCollection collection : calendars(calendar)) {
            Optional<CalendarObject> object = calDav.findByUid(collection, VEVENT, uid.trim());
            if (object.isPresent()) {
                CalendarEvent event = CalendarEvent.of(object.get(), VEVENT);
                if (event != null) {
                    return event;
                }
            }
        }
        throw new NextcloudNotFoundException(404, "There is no event with uid '" + uid + "'"
                + (calendar == null || calendar.isBlank() ? " in your calendars" : " in calendar '" + calendar + "'")
                + ". Find events with nc_calendar_list_events.");
    }
}
