package org.ncmcp.resource.apps.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.ncmcp.resource.testsupport.MultiUserScopeTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * In multi-user mode the scope filter takes the calendar tools' scopes from the catalogue: a {@code calendar:read}
 * token lists the read tools only and gets the 403 step-up challenge on a write tool, before anything reaches
 * Nextcloud.
 */
class CalendarScopeTest extends MultiUserScopeTest {

    @Test
    void calendarReadTokenGetsTheStepUpChallengeOnAWriteTool() throws Exception {
        HttpResponse<String> response = post(token("calendar:read"), "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"nc_calendar_create_event\",\"arguments\":{\"title\":\"x\","
                + "\"start\":\"2027-01-04T09:00:00Z\"}}}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer error=\"insufficient_scope\"").contains("scope=\"calendar:read calendar:write\"");
    }

    @Test
    void calendarReadTokenListsOnlyTheReadTools() throws Exception {
        String body = post(token("calendar:read"), "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}").body();
        List<String> names = JsonMapper.builder().build().readTree(body).path("result").path("tools").valueStream()
                .map(tool -> tool.path("name").asString()).toList();
        assertThat(names).contains("nc_calendar_list_calendars", "nc_calendar_list_events", "nc_calendar_get_event",
                "nc_calendar_upcoming_events", "nc_calendar_find_free_slots")
                .doesNotContain("nc_calendar_create_event", "nc_calendar_update_event", "nc_calendar_delete_event",
                        "nc_calendar_create_meeting", "nc_calendar_manage_calendar", "nc_files_read_file");
    }
}
