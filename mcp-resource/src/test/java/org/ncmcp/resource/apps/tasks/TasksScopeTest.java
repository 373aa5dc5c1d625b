package org.ncmcp.resource.apps.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.ncmcp.resource.testsupport.MultiUserScopeTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * In multi-user mode the scope filter takes the tasks tools' scopes from the catalogue: a {@code todo:read}
 * token lists the read tools only and gets the 403 step-up challenge on a write tool, before anything reaches
 * Nextcloud.
 */
class TasksScopeTest extends MultiUserScopeTest {

    @Test
    void todoReadTokenGetsTheStepUpChallengeOnAWriteTool() throws Exception {
        HttpResponse<String> response = post(token("todo:read"), "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"nc_tasks_create_task\",\"arguments\":{\"title\":\"x\","
                + "\"priority\":1}}}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer error=\"insufficient_scope\"").contains("scope=\"todo:read todo:write\"");
    }

    @Test
    void todoReadTokenListsOnlyTheReadTools() throws Exception {
        String body = post(token("todo:read"), "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}").body();
        List<String> names = JsonMapper.builder().build().readTree(body).path("result").path("tools").valueStream()
                .map(tool -> tool.path("name").asString()).toList();
        assertThat(names).contains("nc_tasks_list_tasks", "nc_tasks_search_tasks")
                .doesNotContain("nc_tasks_create_task", "nc_tasks_update_task", "nc_tasks_delete_task",
                        "nc_calendar_list_events", "nc_calendar_create_event");
    }
}
