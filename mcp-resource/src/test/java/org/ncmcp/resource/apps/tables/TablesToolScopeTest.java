package org.ncmcp.resource.apps.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.testsupport.MultiUserScopeTest;

/**
 * In multi-user mode the Tables tools are guarded by their scopes before dispatch: a {@code tables:read} token
 * gets the HTTP 403 step-up challenge on a write tool and sees only the read tools in {@code tools/list}.
 */
class TablesToolScopeTest extends MultiUserScopeTest {

    @Test
    void aTablesReadTokenGetsTheStepUpChallengeOnInsertRow() throws Exception {
        HttpResponse<String> response = callTool(token("tables:read"), "nc_tables_insert_row",
                "{\"tableId\":1,\"values\":{\"Name\":\"x\"}}");
        assertStepUpChallenge(response, "tables:read tables:write");
        assertThat(response.body()).contains("nc_tables_insert_row", "tables:write");
    }

    @Test
    void aTablesReadTokenListsOnlyTheReadTools() throws Exception {
        assertThat(toolNames(initializeAndListTools(token("tables:read"))))
                .contains("nc_tables_list_tables", "nc_tables_read_rows")
                .doesNotContain("nc_tables_insert_row", "nc_tables_update_row", "nc_tables_delete_row");
    }
}
