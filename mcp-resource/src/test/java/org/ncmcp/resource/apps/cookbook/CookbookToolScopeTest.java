package org.ncmcp.resource.apps.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.testsupport.MultiUserScopeTest;

/**
 * In multi-user mode the Cookbook tools are guarded by their scopes before dispatch: a {@code cookbook:read} token
 * gets the HTTP 403 step-up challenge on a write tool and sees only the read tools in {@code tools/list}.
 */
class CookbookToolScopeTest extends MultiUserScopeTest {

    @Test
    void aCookbookReadTokenGetsTheStepUpChallengeOnAWriteTool() throws Exception {
        HttpResponse<String> response = callTool(token("cookbook:read"), "nc_cookbook_create_recipe",
                "{\"name\":\"Soup\"}");
        assertStepUpChallenge(response, "cookbook:read cookbook:write");
        assertThat(response.body()).contains("nc_cookbook_create_recipe", "cookbook:write");
    }

    @Test
    void aCookbookReadTokenListsOnlyTheReadTools() throws Exception {
        assertThat(initializeAndListTools(token("cookbook:read")).body())
                .contains("nc_cookbook_list_recipes", "nc_cookbook_get_recipe", "nc_cookbook_find_by_keywords")
                .doesNotContain("nc_cookbook_create_recipe", "nc_cookbook_delete_recipe", "nc_cookbook_reindex",
                        "nc_cookbook_import_recipe", "nc_deck_list_boards");
    }
}
