package org.ncmcp.model.tool;

import static org.ncmcp.model.scope.NextcloudApp.TODO;

import java.util.List;
import org.ncmcp.model.scope.Scope;

/**
 * The tasks tools of the catalogue (name, title, scope, hints). Kept in a file of its own so each
 * app's tools can be added without touching the others; {@link ToolCatalogue} indexes them all.
 */
public final class TasksCatalogue {

    public static final String LIST_TASKS_NAME = "nc_tasks_list_tasks";
    public static final String CREATE_TASK_NAME = "nc_tasks_create_task";
    public static final String UPDATE_TASK_NAME = "nc_tasks_update_task";
    public static final String DELETE_TASK_NAME = "nc_tasks_delete_task";
    public static final String SEARCH_TASKS_NAME = "nc_tasks_search_tasks";

    public static final ToolInfo LIST_TASKS = new ToolInfo(LIST_TASKS_NAME, "List tasks", Scope.read(TODO),
            ToolHints.read());
    public static final ToolInfo CREATE_TASK = new ToolInfo(CREATE_TASK_NAME, "Create task", Scope.write(TODO),
            ToolHints.additive());
    public static final ToolInfo UPDATE_TASK = new ToolInfo(UPDATE_TASK_NAME, "Update task", Scope.write(TODO),
            ToolHints.update());
    public static final ToolInfo DELETE_TASK = new ToolInfo(DELETE_TASK_NAME, "Delete task", Scope.write(TODO),
            ToolHints.delete());
    public static final ToolInfo SEARCH_TASKS = new ToolInfo(SEARCH_TASKS_NAME, "Search tasks", Scope.read(TODO),
            ToolHints.read());

    /** Every tasks tool, in the order they are listed. */
    public static final List<ToolInfo> TOOLS = List.of(LIST_TASKS, CREATE_TASK, UPDATE_TASK, DELETE_TASK,
            SEARCH_TASKS);

    private TasksCatalogue() {
    }
}
