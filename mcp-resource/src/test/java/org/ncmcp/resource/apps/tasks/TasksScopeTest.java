package org.ncmcp.resource.apps.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ncmcp.resource.testsupport.MultiUserScopeTest;

/**
 * In multi-user mode the scope filter takes the tasks tools' scopes from the catalogue: a {@code todo:read}
 * token lists the read tools only and gets the 403 step-up challenge on a write tool, before anything reaches
 * Nextcloud.
 */
class TasksScopeTest extends MultiUserScopeTest {

    @Test
    void todoReadTokenGetsTheStepUpChallengeOnAWriteTool() throws Exception {
        assertStepUpChallenge(callTool(token("todo:read"), "nc_tasks_create_task",
                "{\"title\":\"x\",\"priority\":1}"), "todo:read todo:write");
    }

    @Test
    void todoReadTokenListsOnlyTheReadTools() throws Exception {
        assertThat(toolNames(listTools(token("todo:read"))))
                .contains("nc_tasks_list_tasks", "nc_tasks_search_tasks")
                .doesNotContain("nc_tasks_create_task", "nc_tasks_update_task", "nc_tasks_delete_task",
                        "nc_calendar_list_events", "nc_calendar_create_event");
    }
}
