package org.ncmcp.resource.apps.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.testsupport.MultiUserScopeTest;

/**
 * In multi-user mode the sharing tools are guarded by their scopes before dispatch: a {@code sharing:read} token
 * gets the HTTP 403 step-up challenge on a write tool and sees only the read tools in {@code tools/list}.
 */
class SharingToolScopeTest extends MultiUserScopeTest {

    @Test
    void aSharingReadTokenGetsTheStepUpChallengeOnCreateShare() throws Exception {
        HttpResponse<String> response = callTool(token("sharing:read"), "nc_sharing_create_share",
                "{\"path\":\"/Documents/a.txt\",\"shareType\":\"link\"}");
        assertStepUpChallenge(response, "sharing:read sharing:write");
        assertThat(response.body()).contains("nc_sharing_create_share", "sharing:write");
    }

    @Test
    void aSharingReadTokenListsOnlyTheReadTools() throws Exception {
        assertThat(toolNames(initializeAndListTools(token("sharing:read"))))
                .contains("nc_sharing_list_shares", "nc_sharing_get_share")
                .doesNotContain("nc_sharing_create_share", "nc_sharing_update_share", "nc_sharing_delete_share");
    }
}
