package org.ncmcp.resource.apps.tasks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.ncmcp.model.tool.TasksCatalogue;
import org.ncmcp.resource.apps.calendar.EventFields;
import org.ncmcp.resource.apps.calendar.caldav.CalDavClient;
import org.ncmcp.resource.apps.calendar.caldav.CalendarCollection;
import org.ncmcp.resource.apps.calendar.caldav.CalendarObject;
import org.ncmcp.resource.apps.calendar.ical.ICalComponent;
import org.ncmcp.resource.apps.calendar.ical.ICalProperty;
import org.ncmcp.resource.apps.calendar.ical.ICalTime;
import org.ncmcp.resource.apps.calendar.ical.ICalendarText;
import org.ncmcp.resource.apps.tasks.TasksToolModels.CreateTaskInput;
import org.ncmcp.resource.apps.tasks.TasksToolModels.DeleteTaskInput;
import org.ncmcp.resource.apps.tasks.TasksToolModels.Deleted;
import org.ncmcp.resource.apps.tasks.TasksToolModels.ListTasksInput;
import org.ncmcp.resource.apps.tasks.TasksToolModels.SearchTasksInput;
import org.ncmcp.resource.apps.tasks.TasksToolModels.Task;
import org.ncmcp.resource.apps.tasks.TasksToolModels.TaskList;
import org.ncmcp.resource.apps.tasks.TasksToolModels.UpdateTaskInput;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.tool.InvalidToolInputException;
import org.ncmcp.resource.tool.NextcloudTool;
import org.ncmcp.resource.tool.ToolSet;

/** The Tasks tools: VTODOs in the user's CalDAV calendars (what Nextcloud's Tasks app shows). */
public class TasksTools implements ToolSet {

    static final String VTODO = "VTODO";
    static final Set<String> STATUSES = Set.of("NEEDS-ACTION", "IN-PROCESS", "COMPLETED", "CANCELLED");
    private static final int DEFAULT_LIMIT = 100;

    /** A task as stored: its object and the parsed calendar holding the VTODO. */
    private record Stored(CalendarObject object, ICalComponent calendar, ICalComponent todo) {
    }

    private final CalDavClient calDav;

    public TasksTools(CalDavClient calDav) {
        this.calDav = calDav;
    }

    @Override
    public List<NextcloudTool<?, ?>> tools() {
        return List.of(
                NextcloudTool.of(TasksCatalogue.LIST_TASKS, "List tasks in one or all task lists, filtered by"
                        + " status, priority, categories or text.", ListTasksInput.class, TaskList.class,
                        this::listTasks),
                NextcloudTool.of(TasksCatalogue.CREATE_TASK, "Create a task with optional description, due and"
                        + " start, priority, categories, status and percent complete.", CreateTaskInput.class,
                        Task.class, this::createTask),
                NextcloudTool.of(TasksCatalogue.UPDATE_TASK, "Change a task (status, percent complete, due, start,"
                        + " completed, …): only the given fields change, the rest is kept. With the etag you read, a"
                        + " change made since is a conflict naming the current etag.", UpdateTaskInput.class,
                        Task.class, this::updateTask),
                NextcloudTool.of(TasksCatalogue.DELETE_TASK, "Delete a task.", DeleteTaskInput.class, Deleted.class,
                        this::deleteTask),
                NextcloudTool.of(TasksCatalogue.SEARCH_TASKS, "Search all your task lists for text in title,"
                        + " description or categories.", SearchTasksInput.class, TaskList.class, this::searchTasks));
    }

    private TaskList listTasks(ListTasksInput input) {
        Predicate<Task> filter = task -> true;
        if (input.status() != null && !input.status().isBlank()) {
            String status = EventFields.choice("status", input.status(), STATUSES);
            filter = filter.and(task -> task.status().equals(status)
                    || (status.equals("NEEDS-ACTION") && task.status().isEmpty()));
        }
        if (input.priority() != null) {
            filter = filter.and(task -> task.priority() == input.priority());
        }
        if (input.categories() != null && !input.categories().isEmpty()) {
            filter = filter.and(task -> task.categories().stream()
                    .anyMatch(c -> input.categories().stream().anyMatch(c::equalsIgnoreCase)));
        }
        if (input.text() != null && !input.text().isBlank()) {
            String text = input.text().trim().toLowerCase(Locale.ROOT);
            filter = filter.and(task -> (task.title() + "\n" + task.description()).toLowerCase(Locale.ROOT)
                    .contains(text));
        }
        return page(tasks(lists(input.calendar())).stream().filter(filter).toList(), input.limit());
    }

    private TaskList searchTasks(SearchTasksInput input) {
        String query = input.query().trim().toLowerCase(Locale.ROOT);
        boolean includeDone = input.includeDone() == null || input.includeDone();
        return page(tasks(lists(null)).stream()
                .filter(task -> includeDone || !(task.status().equals("COMPLETED") || task.status().equals("CANCELLED")))
                .filter(task -> (task.title() + "\n" + task.description() + "\n" + String.join("\n", task.categories()))
                        .toLowerCase(Locale.ROOT).contains(query)).toList(), input.limit());
    }

    private Task createTask(CreateTaskInput input) {
        List<CalendarCollection> lists = lists(input.calendar());
        if (lists.isEmpty()) {
            throw new NextcloudNotFoundException(404, "You have no calendar that can hold tasks; create one with"
                    + " nc_calendar_manage_calendar.");
        }
        String uid = UUID.randomUUID().toString();
        ICalComponent todo = new ICalComponent(VTODO);
        todo.add(ICalProperty.text("UID", uid));
        todo.setText("SUMMARY", input.title().trim());
        EventFields.touch(todo, true);
        todo.setText("DESCRIPTION", input.description());
        time(todo, "DUE", "due", input.due());
        time(todo, "DTSTART", "start", input.start());
        EventFields.priority(todo, input.priority());
        if (input.categories() != null) {
            EventFields.categories(todo, input.categories());
        }
        status(todo, input.status() == null || input.status().isBlank() ? "NEEDS-ACTION" : input.status(),
                input.percentComplete());
        checkOrder(todo);
        ICalComponent calendar = new ICalComponent("VCALENDAR");
        calendar.add(new ICalProperty("VERSION", Map.of(), "2.0"));
        calendar.add(new ICalProperty("PRODID", Map.of(), "-//nextcloud-mcp//Tasks tools//EN"));
        calendar.components().add(todo);
        CalendarObject stored = calDav.create(lists.get(0), uid, ICalendarText.write(calendar));
        return task(stored, todo(stored));
    }

    private Task updateTask(UpdateTaskInput input) {
        Stored current = find(input.uid(), input.calendar());
        ICalComponent todo = current.todo();
        if (input.title() != null) {
            if (input.title().isBlank()) {
                throw new InvalidToolInputException("'title' cannot be empty.");
            }
            todo.setText("SUMMARY", input.title().trim());
        }
        if (input.description() != null) {
            todo.setText("DESCRIPTION", input.description());
        }
        if (input.due() != null) {
            time(todo, "DUE", "due", input.due());
        }
        if (input.start() != null) {
            time(todo, "DTSTART", "start", input.start());
        }
        if (input.priority() != null) {
            EventFields.priority(todo, input.priority());
        }
        if (input.categories() != null) {
            EventFields.categories(todo, input.categories());
        }
        if (input.status() != null || input.percentComplete() != null) {
            status(todo, input.status(), input.percentComplete());
        }
        if (input.completed() != null) {
            if (input.completed().isBlank()) {
                todo.remove("COMPLETED");
            } else {
                ICalTime completed = EventFields.time("completed", input.completed());
                todo.set(new ICalProperty("COMPLETED", Map.of(), new ICalTime(completed.time(), false).format()));
            }
        }
        checkOrder(todo);
        EventFields.touch(todo, false);
        String etag = input.etag() != null && !input.etag().isBlank() ? input.etag().trim() : current.object().etag();
        CalendarObject stored = calDav.replace(current.object(), etag, ICalendarText.write(current.calendar()));
        return task(stored, todo(stored));
    }

    private Deleted deleteTask(DeleteTaskInput input) {
        Stored current = find(input.uid(), input.calendar());
        calDav.delete(current.object(), input.etag() == null || input.etag().isBlank() ? null : input.etag().trim());
        return new Deleted(current.object().calendar().id(), current.todo().text("UID"), true);
    }

    // --- helpers ------------------------------------------------------------------------------

    /**
     * Status and percent complete move together as the Tasks app does: COMPLETED means 100 % with a COMPLETED time;
     * leaving COMPLETED drops that time.
     */
    private static void status(ICalComponent todo, String statusInput, Integer percent) {
        String status = statusInput == null || statusInput.isBlank() ? null
                : EventFields.choice("status", statusInput, STATUSES);
        if (status != null) {
            todo.set(new ICalProperty("STATUS", Map.of(), status));
            if (status.equals("COMPLETED")) {
                if (todo.property("COMPLETED").isEmpty()) {
                    todo.set(new ICalProperty("COMPLETED", Map.of(), new ICalTime(Instant.now().atZone(ZoneOffset.UTC)
                            .withNano(0), false).format()));
                }
                if (percent == null) {
                    todo.set(new ICalProperty("PERCENT-COMPLETE", Map.of(), "100"));
                }
            } else {
                todo.remove("COMPLETED");
            }
        }
        if (percent != null) {
            if (percent == 0) {
                todo.remove("PERCENT-COMPLETE");
            } else {
                todo.set(new ICalProperty("PERCENT-COMPLETE", Map.of(), String.valueOf(percent)));
            }
            if (status == null && percent == 100 && !"COMPLETED".equals(todo.raw("STATUS"))) {
                status(todo, "COMPLETED", percent);
            } else if (status == null && percent > 0 && percent < 100
                    && (todo.raw("STATUS") == null || todo.raw("STATUS").equals("NEEDS-ACTION"))) {
                todo.set(new ICalProperty("STATUS", Map.of(), "IN-PROCESS"));
            }
        }
    }

    private static void time(ICalComponent todo, String property, String field, String value) {
        if (value == null || value.isBlank()) {
            todo.remove(property);
        } else {
            todo.set(EventFields.time(field, value).toProperty(property));
        }
    }

    /** RFC 5545 3.6.2: DUE must not be before DTSTART. */
    private static void checkOrder(ICalComponent todo) {
        if (todo.property("DUE").isPresent() && todo.property("DTSTART").isPresent()) {
            ICalTime due = ICalTime.of(todo.property("DUE").get());
            ICalTime start = ICalTime.of(todo.property("DTSTART").get());
            if (due.time().isBefore(start.time())) {
                throw new InvalidToolInputException("the due date (" + due.iso() + ") is before the start ("
                        + start.iso() + ").");
            }
        }
    }

    private List<CalendarCollection> lists(String idOrName) {
        if (idOrName != null && !idOrName.isBlank()) {
            return List.of(calDav.calendar(idOrName.trim()));
        }
        return calDav.calendars().stream().filter(c -> c.holds(VTODO)).toList();
    }

    private List<Task> tasks(List<CalendarCollection> lists) {
        List<Task> out = new ArrayList<>();
        for (CalendarCollection list : lists) {
            for (CalendarObject object : calDav.query(list, VTODO, null, null)) {
                ICalComponent todo = todo(object);
                if (todo != null) {
                    out.add(task(object, todo));
                }
            }
        }
        // open tasks first, then by due date (none last), then title
        out.sort(Comparator.comparing((Task t) -> t.status().equals("COMPLETED") || t.status().equals("CANCELLED"))
                .thenComparing(t -> t.due().isEmpty() ? "~" : t.due()).thenComparing(Task::title));
        return out;
    }

    private Stored find(String uid, String calendar) {
        for (CalendarCollection list : lists(calendar)) {
            Optional<CalendarObject> object = calDav.findByUid(list, VTODO, uid.trim());
            if (object.isPresent()) {
                ICalComponent parsed = ICalendarText.parse(object.get().ics());
                ICalComponent todo = parsed.components(VTODO).stream()
                        .filter(c -> c.property("RECURRENCE-ID").isEmpty()).findFirst().orElse(null);
                if (todo != null) {
                    return new Stored(object.get(), parsed, todo);
                }
            }
        }
        throw new NextcloudNotFoundException(404, "There is no task with uid '" + uid + "'"
                + (calendar == null || calendar.isBlank() ? " in your task lists" : " in '" + calendar + "'")
                + ". Find tasks with nc_tasks_search_tasks or nc_tasks_list_tasks.");
    }

    private static ICalComponent todo(CalendarObject object) {
        try {
            return ICalendarText.parse(object.ics()).components(VTODO).stream()
                    .filter(c -> c.property("RECURRENCE-ID").isEmpty()).findFirst().orElse(null);
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    private static Task task(CalendarObject object, ICalComponent todo) {
        return new Task(object.calendar().id(), orEmpty(todo.text("UID")), orEmpty(object.etag()),
                orEmpty(todo.text("SUMMARY")), orEmpty(todo.text("DESCRIPTION")),
                orEmpty(todo.raw("STATUS")).trim().toUpperCase(Locale.ROOT), number(todo.raw("PERCENT-COMPLETE")),
                number(todo.raw("PRIORITY")), iso(todo, "DUE"), iso(todo, "DTSTART"), iso(todo, "COMPLETED"),
                EventFields.readCategories(todo));
    }

    private static String iso(ICalComponent todo, String property) {
        try {
            return todo.property(property).map(p -> ICalTime.of(p).iso()).orElse("");
        } catch (IllegalArgumentException unreadable) {
            return "";
        }
    }

    private static int number(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }

    private static TaskList page(List<Task> tasks, Integer limit) {
        int max = limit == null ? DEFAULT_LIMIT : limit;
        boolean truncated = tasks.size() > max;
        List<Task> page = truncated ? tasks.subList(0, max) : tasks;
        return new TaskList(page.size(), truncated, List.copyOf(page));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
