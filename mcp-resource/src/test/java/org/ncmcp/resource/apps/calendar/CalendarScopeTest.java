package org.ncmcp.resource.apps.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ncmcp.resource.testsupport.MultiUserScopeTest;

/**
 * In multi-user mode the scope filter takes the calendar tools' scopes from the catalogue: a {@code calendar:read}
 * token lists the read tools only and gets the 403 step-up challenge on a write tool, before anything reaches
 * Nextcloud.
 */
class CalendarScopeTest extends MultiUserScopeTest {

    @Test
    void calendarReadTokenGetsTheStepUpChallengeOnAWriteTool() throws Exception {
        assertStepUpChallenge(callTool(token("calendar:read"), "nc_calendar_create_event",
                "{\"title\":\"x\",\"start\":\"2027-01-04T09:00:00Z\"}"), "calendar:read calendar:write");
    }

    @Test
    void calendarReadTokenListsOnlyTheReadTools() throws Exception {
        assertThat(toolNames(listTools(token("calendar:read"))))
                .contains("nc_calendar_list_calendars", "nc_calendar_list_events", "nc_calendar_get_event",
                        "nc_calendar_upcoming_events", "nc_calendar_find_free_slots")
                .doesNotContain("nc_calendar_create_event", "nc_calendar_update_event", "nc_calendar_delete_event",
                        "nc_calendar_create_meeting", "nc_calendar_manage_calendar", "nc_files_read_file");
    }
}
