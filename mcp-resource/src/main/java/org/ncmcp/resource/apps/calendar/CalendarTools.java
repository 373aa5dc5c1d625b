package org.ncmcp.resource.apps.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ncmcp.model.tool.CalendarCatalogue;
import org.ncmcp.resource.apps.calendar.CalendarEvent.Occurrence;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.CalendarInfo;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.CalendarList;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.BulkInput;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.BulkResult;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.CalendarChanged;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.CreateEventInput;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.CreateMeetingInput;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.FreeSlotsInput;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.ManageCalendarInput;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.Slot;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.SlotList;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.UpcomingInput;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.DeleteEventInput;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.Deleted;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.Event;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.EventList;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.EventRef;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.ListCalendarsInput;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.ListEventsInput;
import org.ncmcp.resource.apps.calendar.CalendarToolModels.UpdateEventInput;
import org.ncmcp.resource.apps.calendar.caldav.CalendarCollection;
import org.ncmcp.resource.apps.calendar.caldav.CalendarObject;
import org.ncmcp.resource.apps.calendar.ical.ICalComponent;
import org.ncmcp.resource.apps.calendar.ical.ICalProperty;
import org.ncmcp.resource.apps.calendar.ical.ICalTime;
import org.ncmcp.resource.apps.calendar.ical.ICalendarText;
import org.ncmcp.resource.apps.calendar.ical.VTimezones;
import org.ncmcp.resource.tool.InvalidToolInputException;
import org.ncmcp.resource.tool.NextcloudTool;
import org.ncmcp.resource.tool.ToolSet;

/** The Calendar (CalDAV VEVENT) tools. */
public class CalendarTools implements ToolSet {

    static final Set<String> STATUSES = Set.of("TENTATIVE", "CONFIRMED", "CANCELLED");
    static final Set<String> CLASSES = Set.of("PUBLIC", "PRIVATE", "CONFIDENTIAL");
    private static final int DEFAULT_LIMIT = 100;
    private static final Duration DEFAULT_RANGE = Duration.ofDays(30);
    /** Longest range one listing expands, so a daily rule cannot produce an unbounded answer. */
    private static final Duration MAX_RANGE = Duration.ofDays(3660);

    private final EventStore store;

    public CalendarTools(EventStore store) {
        this.store = store;
    }

    @Override
    public List<NextcloudTool<?, ?>> tools() {
        return List.of(
                NextcloudTool.of(CalendarCatalogue.LIST_CALENDARS, "List your calendars (id, name, colour, and"
                        + " whether they hold events or tasks).", ListCalendarsInput.class, CalendarList.class,
                        this::listCalendars),
                NextcloudTool.of(CalendarCatalogue.CREATE_EVENT, "Create an event: title and start, with end or"
                        + " duration (or all-day), and optionally a time zone (local times are read there and the"
                        + " event keeps that zone), description, location, categories, recurrence, reminders, status,"
                        + " priority, privacy, attendees, url and colour. Returns the event with its uid and etag.",
                        CreateEventInput.class, Event.class, this::createEvent),
                NextcloudTool.of(CalendarCatalogue.LIST_EVENTS, "List events in a time range in one or all"
                        + " calendars; recurring events appear as their occurrences in the range. Filters: title or"
                        + " location contains, categories, status, minimum attendees, minimum duration.",
                        ListEventsInput.class, EventList.class, this::listEvents),
                NextcloudTool.of(CalendarCatalogue.GET_EVENT, "Get one event by uid, with its etag.", EventRef.class,
                        Event.class, this::getEvent),
                NextcloudTool.of(CalendarCatalogue.UPDATE_EVENT, "Change an event: only the fields you give change;"
                        + " everything else in it (also what this tool does not know) is kept. With 'occurrence' only"
                        + " that occurrence of a recurring event changes (moved, retitled, …), the series stays. With"
                        + " the etag you read, a change made since is a conflict that names the current etag, and"
                        + " nothing is written.", UpdateEventInput.class, Event.class, this::updateEvent),
                NextcloudTool.of(CalendarCatalogue.DELETE_EVENT, "Delete an event with all its occurrences, or with"
                        + " 'occurrence' cancel just that occurrence of a recurring event.",
                        DeleteEventInput.class, Deleted.class, this::deleteEvent),
                NextcloudTool.of(CalendarCatalogue.CREATE_MEETING, "Quickly schedule a meeting: title, start,"
                        + " length (default 30 minutes) and attendees; confirmed, with a 15-minute reminder.",
                        CreateMeetingInput.class, Event.class, this::createMeeting),
                NextcloudTool.of(CalendarCatalogue.UPCOMING_EVENTS, "Your next events from now (default the next"
                        + " 7 days), those in progress included, recurring ones as occurrences.", UpcomingInput.class, EventList.class,
                        this::upcoming),
                NextcloudTool.of(CalendarCatalogue.FIND_FREE_SLOTS, "Find free time of at least a given length"
                        + " across your calendars, within working hours, weekends excluded unless asked.",
                        FreeSlotsInput.class, SlotList.class, this::freeSlots),
                NextcloudTool.of(CalendarCatalogue.BULK_EVENTS, "Update, delete or move every event with an"
                        + " occurrence in a range that matches a filter (title/location contains, categories,"
                        + " status). Dry run by default: lists what would change; set dryRun=false to apply.",
                        BulkInput.class, BulkResult.class, this::bulk),
                NextcloudTool.of(CalendarCatalogue.MANAGE_CALENDAR, "Create a calendar, rename or recolour one,"
                        + " or delete one with all its events and tasks.", ManageCalendarInput.class,
                        CalendarChanged.class, this::manageCalendar));
    }

    private CalendarList listCalendars(ListCalendarsInput input) {
        String component = input.component() == null || input.component().isBlank() ? null
                : EventFields.choice("component", input.component(), Set.of("VEVENT", "VTODO"));
        List<CalendarInfo> calendars = store.calDav().calendars().stream()
                .filter(c -> component == null || c.holds(component))
                .map(c -> new CalendarInfo(c.id(), c.displayName(), orEmpty(c.color()), orEmpty(c.description()),
                        c.components()))
                .toList();
        return new CalendarList(calendars.size(), calendars);
    }

    Event createEvent(CreateEventInput input) {
        ZoneId zone = EventFields.zone("timezone", input.timezone());
        CalendarCollection calendar = store.target(input.calendar());
        ICalTime start = EventFields.time("start", input.start(), zone);
        boolean allDay = input.allDay() != null ? input.allDay() : start.allDay();
        if (allDay && !start.allDay()) {
            start = new ICalTime(start.time().toLocalDate().atStartOfDay(ZoneOffset.UTC), true);
        }
        ICalTime end;
        if (input.end() != null && !input.end().isBlank()) {
            end = EventFields.time("end", input.end(), zone);
        } else if (allDay) {
            long days = input.durationMinutes() == null ? 1 : Math.max(1, input.durationMinutes() / (24 * 60));
            end = new ICalTime(start.time().plusDays(days), true);
        } else {
            end = new ICalTime(start.time().plusMinutes(input.durationMinutes() == null ? 60
                    : input.durationMinutes()), false);
        }
        String uid = UUID.randomUUID().toString();
        ICalComponent event = new ICalComponent("VEVENT");
        event.add(ICalProperty.text("UID", uid));
        event.setText("SUMMARY", input.title().trim());
        EventFields.times(event, start, end);
        EventFields.touch(event, true);
        event.setText("DESCRIPTION", input.description());
        event.setText("LOCATION", input.location());
        if (input.categories() != null) {
            EventFields.categories(event, input.categories());
        }
        if (input.recurrence() != null && !input.recurrence().isBlank()) {
            event.set(new ICalProperty("RRULE", Map.of(), EventFields.rrule(input.recurrence(),
                    blankToNull(input.recurrenceEnd()), input.recurrenceCount())));
        } else if (input.recurrenceEnd() != null || input.recurrenceCount() != null) {
            throw new InvalidToolInputException("recurrenceEnd and recurrenceCount need a 'recurrence' rule.");
        }
        if (input.status() != null && !input.status().isBlank()) {
            event.set(new ICalProperty("STATUS", Map.of(), EventFields.choice("status", input.status(), STATUSES)));
        }
        EventFields.priority(event, input.priority());
        if (input.privacy() != null && !input.privacy().isBlank()) {
            event.set(new ICalProperty("CLASS", Map.of(), EventFields.choice("privacy", input.privacy(), CLASSES)));
        }
        if (input.attendees() != null) {
            EventFields.attendees(event, input.attendees());
        }
        EventFields.url(event, input.url());
        EventFields.color(event, input.color());
        if (input.reminders() != null) {
            EventFields.reminders(event, input.reminders(), input.title());
        }
        ICalComponent wrapped = wrap(event);
        VTimezones.addMissing(wrapped);
        CalendarObject stored = store.calDav().create(calendar, uid, ICalendarText.write(wrapped));
        return toEvent(CalendarEvent.of(stored, EventStore.VEVENT));
    }

    private EventList listEvents(ListEventsInput input) {
        Instant from = input.from() == null || input.from().isBlank() ? Instant.now()
                : EventFields.instant("from", input.from());
        Instant to = input.to() == null || input.to().isBlank() ? from.plus(DEFAULT_RANGE)
                : EventFields.instant("to", input.to());
        if (!to.isAfter(from)) {
            throw new InvalidToolInputException("'to' must be after 'from'.");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new InvalidToolInputException("the range may span at most 10 years; narrow from/to.");
        }
        int limit = input.limit() == null ? DEFAULT_LIMIT : input.limit();
        List<Event> events = occurrences(store.calendars(input.calendar()), from, to, input);
        boolean truncated = events.size() > limit;
        List<Event> page = truncated ? events.subList(0, limit) : events;
        return new EventList(from.toString(), to.toString(), page.size(), truncated, List.copyOf(page));
    }

    /** Every occurrence in [from, to) matching the filter, in start order. */
    List<Event> occurrences(List<CalendarCollection> calendars, Instant from, Instant to, ListEventsInput filter) {
        List<Event> out = new ArrayList<>();
        for (CalendarEvent event : store.events(calendars, from, to)) {
            for (Occurrence occurrence : event.occurrences(from, to, 10_000)) {
                Event view = toEvent(event, occurrence);
                if (matches(view, filter)) {
                    out.add(view);
                }
            }
        }
        out.sort(Comparator.comparing((Event e) -> EventFields.instant("start", e.start()))
                .thenComparing(Event::title));
        return out;
    }

    static boolean matches(Event event, ListEventsInput filter) {
        if (filter == null) {
            return true;
        }
        if (!contains(event.title(), filter.titleContains()) || !contains(event.location(), filter.locationContains())) {
            return false;
        }
        if (filter.categories() != null && !filter.categories().isEmpty() && event.categories().stream()
                .noneMatch(c -> filter.categories().stream().anyMatch(w -> w.equalsIgnoreCase(c)))) {
            return false;
        }
        if (filter.status() != null && !filter.status().isBlank()
                && !filter.status().trim().equalsIgnoreCase(event.status())) {
            return false;
        }
        if (filter.minAttendees() != null && event.attendees().size() < filter.minAttendees()) {
            return false;
        }
        return filter.minDurationMinutes() == null || event.durationMinutes() >= filter.minDurationMinutes();
    }

    private static boolean contains(String value, String wanted) {
        return wanted == null || wanted.isBlank()
                || value.toLowerCase(Locale.ROOT).contains(wanted.trim().toLowerCase(Locale.ROOT));
    }

    private Event getEvent(EventRef input) {
        return toEvent(store.find(input.uid(), input.calendar()));
    }

    Event updateEvent(UpdateEventInput input) {
        CalendarEvent current = store.find(input.uid(), input.calendar());
        String etag = input.etag() != null && !input.etag().isBlank() ? input.etag().trim() : current.object().etag();
        ZoneId explicitZone = EventFields.zone("timezone", input.timezone());
        ZoneId zone = explicitZone != null ? explicitZone : ownZone(current.start());
        if (input.occurrence() != null && !input.occurrence().isBlank()) {
            return updateOccurrence(current, etag, zone, explicitZone != null, input);
        }
        ICalComponent event = current.master();
        if (input.recurrence() != null) {
            if (input.recurrence().isBlank()) {
                event.remove("RRULE");
            } else {
                event.set(new ICalProperty("RRULE", Map.of(), EventFields.rrule(input.recurrence(), null, null)));
            }
        }
        applyChanges(event, input, current.start(), current.duration(), zone, explicitZone != null);
        EventFields.touch(event, false);
        VTimezones.addMissing(current.calendar());
        CalendarObject stored = store.calDav().replace(current.object(), etag,
                ICalendarText.write(current.calendar()));
        return toEvent(CalendarEvent.of(stored, EventStore.VEVENT));
    }

    /**
     * RFC 5545 3.8.4.4: one occurrence is changed by a VEVENT with its RECURRENCE-ID in the same object. A new one
     * starts as a copy of the master (without the rule), so only the fields given differ from the series.
     */
    private Event updateOccurrence(CalendarEvent current, String etag, ZoneId zone, boolean zoneGiven,
            UpdateEventInput input) {
        if (input.recurrence() != null) {
            throw new InvalidToolInputException("'recurrence' changes the whole series; omit 'occurrence' to change"
                    + " it.");
        }
        ZonedDateTime original = originalStart(current, input.occurrence());
        ICalComponent override = current.override(original.toInstant()).orElseGet(() -> {
            ICalComponent copy = current.master().copy();
            for (String seriesOnly : List.of("RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID")) {
                copy.remove(seriesOnly);
            }
            boolean allDay = current.start().allDay();
            copy.set(new ICalTime(original, allDay).toProperty("RECURRENCE-ID"));
            EventFields.times(copy, new ICalTime(original, allDay),
                    new ICalTime(original.plus(current.duration().isZero() && allDay ? Duration.ofDays(1)
                            : current.duration()), allDay));
            List<ICalComponent> items = current.calendar().components();
            items.add(items.indexOf(current.master()) + 1, copy);
            return copy;
        });
        ICalTime oldStart = ICalTime.of(override.property("DTSTART").orElseThrow());
        Duration length = overrideDuration(current, override);
        applyChanges(override, input, oldStart, length, zone, zoneGiven);
        EventFields.touch(override, false);
        VTimezones.addMissing(current.calendar());
        CalendarObject stored = store.calDav().replace(current.object(), etag,
                ICalendarText.write(current.calendar()));
        CalendarEvent written = CalendarEvent.of(stored, EventStore.VEVENT);
        ICalComponent changed = written.override(original.toInstant()).orElseThrow();
        ICalTime newStart = ICalTime.of(changed.property("DTSTART").orElseThrow());
        return toEvent(written, new Occurrence(changed, newStart.time(), overrideDuration(written, changed),
                ICalTime.of(changed.property("RECURRENCE-ID").orElseThrow()).iso()));
    }

    private static Duration overrideDuration(CalendarEvent event, ICalComponent override) {
        ICalTime start = ICalTime.of(override.property("DTSTART").orElseThrow());
        if (override.property("DTEND").isPresent()) {
            return Duration.between(start.time(), ICalTime.of(override.property("DTEND").get()).time());
        }
        return override.raw("DURATION") != null ? CalendarEvent.parseDuration(override.raw("DURATION"))
                : event.duration();
    }

    /** The original start of the named occurrence: an existing override's, or one the rule produces (not cancelled). */
    private static ZonedDateTime originalStart(CalendarEvent event, String occurrence) {
        if (!event.recurring()) {
            throw new InvalidToolInputException("event '" + event.uid() + "' does not recur; omit 'occurrence' to"
                    + " change it.");
        }
        ICalTime start = event.start();
        ICalTime given = EventFields.time("occurrence", occurrence, ownZone(start));
        if (given.allDay() != start.allDay()) {
            throw new InvalidToolInputException("'occurrence' must be " + (start.allDay() ? "a date" : "a date-time")
                    + " like the event's start (" + start.iso() + ").");
        }
        java.time.Instant instant = given.time().toInstant();
        if (event.override(instant).isPresent()) {
            return given.time().withZoneSameInstant(start.time().getZone());
        }
        if (event.exdates().contains(instant)) {
            throw new InvalidToolInputException("the occurrence " + occurrence + " of event '" + event.uid()
                    + "' was cancelled already.");
        }
        return event.ruleOccurrence(instant).orElseThrow(() -> new InvalidToolInputException("'occurrence' "
                + occurrence + " is not an occurrence of event '" + event.uid() + "'; nc_calendar_list_events shows"
                + " each occurrence's recurrenceId."));
    }

    /** The named zone of an existing start, so new times given with an offset keep the event's zone. */
    private static ZoneId ownZone(ICalTime start) {
        return start.tzid() == null ? null : start.time().getZone();
    }

    /** Sets the fields the input gives on the master or an override; everything else in it is kept. */
    private static void applyChanges(ICalComponent event, UpdateEventInput input, ICalTime oldStart, Duration length,
            ZoneId zone, boolean zoneGiven) {
        if (input.title() != null) {
            if (input.title().isBlank()) {
                throw new InvalidToolInputException("'title' cannot be empty.");
            }
            event.setText("SUMMARY", input.title().trim());
        }
        if (input.start() != null || input.end() != null || zoneGiven) {
            ICalTime start = input.start() != null ? EventFields.time("start", input.start(), zone)
                    : oldStart.allDay() || zone == null ? oldStart
                    : new ICalTime(oldStart.time().withZoneSameInstant(zone), false);
            ICalTime end = input.end() != null ? EventFields.time("end", input.end(), zone)
                    : new ICalTime(start.time().plus(length.isZero() && start.allDay() ? Duration.ofDays(1) : length),
                            start.allDay());
            EventFields.times(event, start, end);
        }
        if (input.description() != null) {
            event.setText("DESCRIPTION", input.description());
        }
        if (input.location() != null) {
            event.setText("LOCATION", input.location());
        }
        if (input.categories() != null) {
            EventFields.categories(event, input.categories());
        }
        if (input.reminders() != null) {
            EventFields.reminders(event, input.reminders(), event.text("SUMMARY"));
        }
        if (input.status() != null) {
            if (input.status().isBlank()) {
                event.remove("STATUS");
            } else {
                event.set(new ICalProperty("STATUS", Map.of(), EventFields.choice("status", input.status(), STATUSES)));
            }
        }
        if (input.priority() != null) {
            EventFields.priority(event, input.priority());
        }
        if (input.privacy() != null) {
            if (input.privacy().isBlank()) {
                event.remove("CLASS");
            } else {
                event.set(new ICalProperty("CLASS", Map.of(), EventFields.choice("privacy", input.privacy(), CLASSES)));
            }
        }
        if (input.attendees() != null) {
            EventFields.attendees(event, input.attendees());
        }
        if (input.url() != null) {
            EventFields.url(event, input.url());
        }
        if (input.color() != null) {
            EventFields.color(event, input.color());
        }
    }

    private Deleted deleteEvent(DeleteEventInput input) {
        CalendarEvent current = store.find(input.uid(), input.calendar());
        if (input.occurrence() == null || input.occurrence().isBlank()) {
            store.calDav().delete(current.object(), blankToNull(input.etag()));
            return new Deleted(current.object().calendar().id(), current.uid(), true, "");
        }
        // RFC 5545 3.8.5.1: an EXDATE removes the occurrence; an override of it would bring it back, so it goes too
        String etag = input.etag() != null && !input.etag().isBlank() ? input.etag().trim() : current.object().etag();
        ZonedDateTime original = originalStart(current, input.occurrence());
        current.override(original.toInstant()).ifPresent(current.calendar().components()::remove);
        ICalTime cancelled = new ICalTime(original, current.start().allDay());
        current.master().add(cancelled.toProperty("EXDATE"));
        EventFields.touch(current.master(), false);
        VTimezones.addMissing(current.calendar());
        store.calDav().replace(current.object(), etag, ICalendarText.write(current.calendar()));
        return new Deleted(current.object().calendar().id(), current.uid(), true, cancelled.iso());
    }

    private Event createMeeting(CreateMeetingInput input) {
        if (EventFields.time("start", input.start()).allDay()) {
            throw new InvalidToolInputException("a meeting needs a start time, not only a date.");
        }
        return createEvent(new CreateEventInput(input.title(), input.start(), null,
                input.durationMinutes() == null ? 30 : input.durationMinutes(), false, input.calendar(), null,
                input.location(), null, null, null, null, List.of(15), "CONFIRMED", null, null, input.attendees(),
                null, null, input.timezone()));
    }

    private EventList upcoming(UpcomingInput input) {
        Instant now = Instant.now();
        Instant to = now.plus(Duration.ofDays(input.days() == null ? 7 : input.days()));
        int limit = input.limit() == null ? 20 : input.limit();
        // events in progress (today's all-day events too) overlap [now, to) and are listed first
        List<Event> events = occurrences(store.calendars(input.calendar()), now, to, null);
        boolean truncated = events.size() > limit;
        List<Event> page = truncated ? events.subList(0, limit) : events;
        return new EventList(now.toString(), to.toString(), page.size(), truncated, List.copyOf(page));
    }

    private SlotList freeSlots(FreeSlotsInput input) {
        Instant from = input.from() == null || input.from().isBlank() ? Instant.now()
                : EventFields.instant("from", input.from());
        Instant to = input.to() == null || input.to().isBlank() ? from.plus(Duration.ofDays(7))
                : EventFields.instant("to", input.to());
        if (!to.isAfter(from) || Duration.between(from, to).toDays() > 92) {
            throw new InvalidToolInputException("'to' must be after 'from', at most 92 days later.");
        }
        java.time.LocalTime dayStart = clock("dayStart", input.dayStart(), "09:00");
        java.time.LocalTime dayEnd = clock("dayEnd", input.dayEnd(), "17:00");
        if (!dayEnd.isAfter(dayStart) && !dayEnd.equals(java.time.LocalTime.MIDNIGHT)) {
            throw new InvalidToolInputException("'dayEnd' must be after 'dayStart'.");
        }
        java.time.ZoneId zone;
        try {
            zone = input.timeZone() == null || input.timeZone().isBlank() ? ZoneOffset.UTC
                    : java.time.ZoneId.of(input.timeZone().trim());
        } catch (java.time.DateTimeException unknown) {
            throw new InvalidToolInputException("'timeZone' is not a time zone id such as Europe/Berlin.");
        }
        List<CalendarCollection> calendars = input.calendars() == null || input.calendars().isEmpty()
                ? store.calendars(null) : input.calendars().stream().map(store::calendars).flatMap(List::stream)
                        .toList();
        List<FreeSlots.Interval> busy = new ArrayList<>();
        for (Event event : occurrences(calendars, from, to, null)) {
            // RFC 5545 3.8.2.7: transparent or cancelled events do not block time
            if (!event.status().equals("CANCELLED")) {
                busy.add(new FreeSlots.Interval(EventFields.instant("start", event.start()),
                        EventFields.instant("end", event.end())));
            }
        }
        List<Slot> slots = FreeSlots.find(busy, from, to, Duration.ofMinutes(input.durationMinutes()), dayStart,
                dayEnd, zone, input.excludeWeekends() == null || input.excludeWeekends(),
                input.limit() == null ? 20 : input.limit()).stream()
                .map(i -> new Slot(i.start().toString(), i.end().toString(), Duration.between(i.start(), i.end())
                        .toMinutes())).toList();
        return new SlotList(input.durationMinutes(), slots.size(), slots);
    }

    /** Whole events (every occurrence) are changed; one failure does not stop the others, each is reported. */
    private BulkResult bulk(BulkInput input) {
        String action = input.action().trim().toLowerCase(Locale.ROOT);
        if (!Set.of("update", "delete", "move").contains(action)) {
            throw new InvalidToolInputException("'action' must be update, delete or move.");
        }
        boolean dryRun = input.dryRun() == null || input.dryRun();
        CalendarCollection target = null;
        if (action.equals("move")) {
            if (input.targetCalendar() == null || input.targetCalendar().isBlank()) {
                throw new InvalidToolInputException("move needs 'targetCalendar'.");
            }
            target = store.calDav().calendar(input.targetCalendar().trim());
        }
        UpdateEventInput changes = null;
        if (action.equals("update")) {
            if (input.setStatus() == null && input.setLocation() == null && input.setCategories() == null
                    && input.setPrivacy() == null) {
                throw new InvalidToolInputException("update needs at least one of setStatus, setLocation,"
                        + " setCategories, setPrivacy.");
            }
            if (input.setStatus() != null && !input.setStatus().isBlank()) {
                EventFields.choice("setStatus", input.setStatus(), STATUSES);
            }
            if (input.setPrivacy() != null && !input.setPrivacy().isBlank()) {
                EventFields.choice("setPrivacy", input.setPrivacy(), CLASSES);
            }
        }
        Instant from = EventFields.instant("from", input.from());
        Instant to = EventFields.instant("to", input.to());
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new InvalidToolInputException("'to' must be after 'from', at most 10 years later.");
        }
        ListEventsInput filter = new ListEventsInput(null, null, null, input.titleContains(),
                input.locationContains(), input.categories(), input.status(), null, null, null);
        java.util.Map<String, CalendarEvent> matched = new java.util.LinkedHashMap<>();
        for (CalendarEvent event : store.events(store.calendars(input.calendar()), from, to)) {
            for (Occurrence occurrence : event.occurrences(from, to, 10_000)) {
                if (matches(toEvent(event, occurrence), filter)) {
                    matched.putIfAbsent(event.object().path(), event);
                    break;
                }
            }
        }
        List<CalendarToolModels.BulkItem> items = new ArrayList<>();
        int failed = 0;
        for (CalendarEvent event : matched.values()) {
            Event view = toEvent(event);
            String outcome;
            if (dryRun) {
                outcome = "would-" + action;
            } else {
                try {
                    switch (action) {
                        case "delete" -> store.calDav().delete(event.object(), event.object().etag());
                        case "move" -> {
                            if (event.object().calendar().path().equals(target.path())) {
                                throw new InvalidToolInputException("already in " + target.id());
                            }
                            store.calDav().move(event.object(), target);
                        }
                        default -> updateEvent(new UpdateEventInput(event.uid(), event.object().calendar().id(),
                                event.object().etag(), null, null, null, null, input.setLocation(),
                                input.setCategories(), null, null, input.setStatus(), null, input.setPrivacy(), null,
                                null, null, null, null));
                    }
                    outcome = action.equals("move") ? "moved" : action + "d";
                } catch (org.ncmcp.resource.nextcloud.NextcloudException | InvalidToolInputException problem) {
                    failed++;
                    outcome = "failed: " + problem.getMessage();
                }
            }
            items.add(new CalendarToolModels.BulkItem(view.calendar(), view.uid(), view.title(), view.start(),
                    outcome));
        }
        return new BulkResult(action, dryRun, matched.size(), failed, items);
    }

    private static java.time.LocalTime clock(String field, String value, String fallback) {
        try {
            return java.time.LocalTime.parse(value == null || value.isBlank() ? fallback : value.trim());
        } catch (java.time.DateTimeException unreadable) {
            throw new InvalidToolInputException("'" + field + "' must be a time HH:mm such as 09:00.");
        }
    }

    private CalendarChanged manageCalendar(ManageCalendarInput input) {
        String action = input.action().trim().toLowerCase(Locale.ROOT);
        switch (action) {
            case "create" -> {
                String id = input.calendar().trim();
                if (!id.matches("[A-Za-z0-9_-]{1,100}")) {
                    throw new InvalidToolInputException("a new calendar id may hold only letters, digits, '-' and"
                            + " '_' (got '" + id + "').");
                }
                String color = input.color() == null || input.color().isBlank() ? null : checkedColor(input.color());
                CalendarCollection created = store.calDav().createCalendar(id,
                        input.name() == null || input.name().isBlank() ? id : input.name().trim(), color,
                        Boolean.FALSE.equals(input.withTasks()) ? List.of("VEVENT") : List.of("VEVENT", "VTODO"));
                return new CalendarChanged("created", info(created));
            }
            case "update" -> {
                if ((input.name() == null || input.name().isBlank()) && (input.color() == null
                        || input.color().isBlank())) {
                    throw new InvalidToolInputException("give a new 'name' or 'color' to update a calendar.");
                }
                CalendarCollection calendar = store.calDav().calendar(input.calendar().trim());
                store.calDav().updateCalendar(calendar, blankToNull(input.name()),
                        input.color() == null || input.color().isBlank() ? null : checkedColor(input.color()));
                return new CalendarChanged("updated", info(store.calDav().calendar(calendar.id())));
            }
            case "delete" -> {
                CalendarCollection calendar = store.calDav().calendar(input.calendar().trim());
                store.calDav().deleteCalendar(calendar);
                return new CalendarChanged("deleted", info(calendar));
            }
            default -> throw new InvalidToolInputException("'action' must be create, update or delete.");
        }
    }

    private static String checkedColor(String color) {
        if (!color.trim().matches("#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?")) {
            throw new InvalidToolInputException("'color' must be #rrggbb (got '" + color + "').");
        }
        return color.trim();
    }

    private static CalendarInfo info(CalendarCollection c) {
        return new CalendarInfo(c.id(), c.displayName(), orEmpty(c.color()), orEmpty(c.description()), c.components());
    }

    // --- mapping ------------------------------------------------------------------------------

    static ICalComponent wrap(ICalComponent item) {
        ICalComponent calendar = new ICalComponent("VCALENDAR");
        calendar.add(new ICalProperty("VERSION", Map.of(), "2.0"));
        calendar.add(new ICalProperty("PRODID", Map.of(), "-//nextcloud-mcp//Calendar tools//EN"));
        calendar.add(new ICalProperty("CALSCALE", Map.of(), "GREGORIAN"));
        calendar.components().add(item);
        return calendar;
    }

    static Event toEvent(CalendarEvent event) {
        ICalTime start = event.start();
        return toEvent(event, new Occurrence(event.master(), start.time(), event.duration(), null));
    }

    static Event toEvent(CalendarEvent event, Occurrence occurrence) {
        ICalComponent c = occurrence.component();
        boolean allDay = event.start().allDay();
        ICalTime start = new ICalTime(occurrence.start(), allDay);
        ICalTime end = new ICalTime(occurrence.end(), allDay);
        int priority;
        try {
            priority = c.raw("PRIORITY") == null ? 0 : Integer.parseInt(c.raw("PRIORITY").trim());
        } catch (NumberFormatException unreadable) {
            priority = 0;
        }
        return new Event(event.object().calendar().id(), orEmpty(event.uid()), orEmpty(event.object().etag()),
                orEmpty(c.text("SUMMARY")), start.iso(), end.iso(), orEmpty(start.tzid()), allDay, occurrence.duration().toMinutes(),
                orEmpty(c.text("DESCRIPTION")), orEmpty(c.text("LOCATION")), CalendarEvent.categories(c),
                orEmpty(CalendarEvent.upper(c.raw("STATUS"))), priority, orEmpty(CalendarEvent.upper(c.raw("CLASS"))),
                orEmpty(c.raw("URL")), orEmpty(c.raw("COLOR")), CalendarEvent.attendees(c),
                c.property("ORGANIZER").map(CalendarEvent::person).orElse(""),
                orEmpty(event.master().raw("RRULE")), orEmpty(occurrence.recurrenceId()), EventFields.reminders(c));
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
