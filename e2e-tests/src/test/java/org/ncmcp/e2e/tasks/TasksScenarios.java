package org.ncmcp.e2e.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.mcp.SingleUserStack.list;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.mcp.SingleUserStack;
import org.ncmcp.e2e.simulator.dav.DavBackend;

/**
 * The five Tasks tools (VTODO) through a real MCP client, mcp-resource, the Nextcloud simulator and a real CalDAV
 * server; the concrete classes choose the server (sabre/dav or Radicale).
 */
@SuppressWarnings("unchecked")
abstract class TasksScenarios {

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
    void createListUpdateCompleteAndDeleteATask() {
        Map<String, Object> created = stack.ok("nc_tasks_create_task", Map.of("title", "Send invoice", "due", "2027-01-10",
                "start", "2027-01-05", "priority", 1, "categories", List.of("finance"),
                "description", "December order"));
        String uid = (String) created.get("uid");
        assertThat(created).containsEntry("calendar", "personal").containsEntry("status", "NEEDS-ACTION")
                .containsEntry("due", "2027-01-10").containsEntry("start", "2027-01-05").containsEntry("priority", 1);
        stack.ok("nc_tasks_create_task", Map.of("title", "Water plants", "priority", 5));

        assertThat(list(stack.ok("nc_tasks_list_tasks", Map.of("priority", 1)), "tasks")).extracting(t -> t.get("uid"))
                .containsExactly(uid);
        assertThat(list(stack.ok("nc_tasks_list_tasks", Map.of("categories", List.of("FINANCE"))), "tasks")).hasSize(1);
        assertThat(list(stack.ok("nc_tasks_list_tasks", Map.of("text", "plants")), "tasks")).extracting(t -> t.get("title"))
                .containsExactly("Water plants");
        assertThat(list(stack.ok("nc_tasks_search_tasks", Map.of("query", "december")), "tasks"))
                .extracting(t -> t.get("uid")).containsExactly(uid);

        Map<String, Object> half = stack.ok("nc_tasks_update_task", Map.of("uid", uid, "etag", created.get("etag"),
                "percentComplete", 50));
        assertThat(half).containsEntry("status", "IN-PROCESS").containsEntry("percentComplete", 50)
                .containsEntry("title", "Send invoice").containsEntry("due", "2027-01-10");
        assertThat(stack.error("nc_tasks_update_task", Map.of("uid", uid, "etag", created.get("etag"), "title", "lost")))
                .contains("changed since you read it", (String) half.get("etag"));

        Map<String, Object> done = stack.ok("nc_tasks_update_task", Map.of("uid", uid, "status", "completed"));
        assertThat(done).containsEntry("status", "COMPLETED").containsEntry("percentComplete", 100);
        assertThat((String) done.get("completed")).isNotBlank();
        assertThat(list(stack.ok("nc_tasks_list_tasks", Map.of("status", "COMPLETED")), "tasks"))
                .extracting(t -> t.get("uid")).containsExactly(uid);
        assertThat(list(stack.ok("nc_tasks_search_tasks", Map.of("query", "invoice", "includeDone", false)), "tasks"))
                .isEmpty();
        Map<String, Object> reopened = stack.ok("nc_tasks_update_task", Map.of("uid", uid, "status", "NEEDS-ACTION",
                "percentComplete", 0, "due", ""));
        assertThat(reopened).containsEntry("completed", "").containsEntry("due", "").containsEntry("percentComplete", 0);

        assertThat(stack.ok("nc_tasks_delete_task", Map.of("uid", uid))).containsEntry("deleted", true);
        assertThat(stack.error("nc_tasks_delete_task", Map.of("uid", uid))).contains("There is no task with uid");
        assertThat(stack.error("nc_tasks_update_task", Map.of("uid", uid, "status", "COMPLETED")))
                .contains("There is no task with uid");
    }

    @Test
    void tasksAndEventsStayApartAndBadInputIsExplained() {
        stack.ok("nc_calendar_create_event", Map.of("title", "Not a task", "start", "2027-05-01T10:00:00Z"));
        assertThat(list(stack.ok("nc_tasks_search_tasks", Map.of("query", "not a task")), "tasks")).isEmpty();
        assertThat(stack.error("nc_tasks_create_task", Map.of("title", "x", "status", "DONE")))
                .contains("'status' must be one of");
        assertThat(stack.error("nc_tasks_create_task", Map.of("title", "x", "due", "2027-01-01", "start", "2027-02-01")))
                .contains("is before the start");
        assertThat(stack.error("nc_tasks_list_tasks", Map.of("calendar", "nope"))).contains("There is no calendar 'nope'");
        assertThat(stack.mcp().listTools().tools()).filteredOn(t -> t.name().startsWith("nc_tasks_"))
                .allSatisfy(t -> assertThat(t.meta().get("nextcloud-mcp/scope").toString()).startsWith("todo:"))
                .hasSize(5);
    }
}
