package org.ncmcp.resource.apps.calendar.caldav;

/** One calendar object resource (an .ics file): where it is, its etag, and its iCalendar text. */
public record CalendarObject(CalendarCollection calendar, String path, String etag, String ics) {
}
