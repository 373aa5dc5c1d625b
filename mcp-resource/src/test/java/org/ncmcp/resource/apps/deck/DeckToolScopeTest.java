package org.ncmcp.resource.apps.deck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.testsupport.MultiUserScopeTest;

/**
 * In multi-user mode the Deck tools are guarded by their scopes before dispatch: a {@code deck:read} token
 * gets the HTTP 403 step-up challenge on a write tool and sees only the read tools in {@code tools/list}.
 */
class DeckToolScopeTest extends MultiUserScopeTest {

    @Test
    void aDeckReadTokenGetsTheStepUpChallengeOnAWriteTool() throws Exception {
        HttpResponse<String> response = callTool(token("deck:read"), "nc_deck_create_card",
                "{\"boardId\":1,\"stackId\":1,\"title\":\"t\"}");
        assertStepUpChallenge(response, "deck:read deck:write");
        assertThat(response.body()).contains("nc_deck_create_card", "deck:write");
    }

    @Test
    void aDeckReadTokenListsOnlyTheReadTools() throws Exception {
        assertThat(initializeAndListTools(token("deck:read")).body())
                .contains("nc_deck_list_boards", "nc_deck_get_card")
                .doesNotContain("nc_deck_create_card", "nc_deck_delete_card", "nc_notes_get_note");
    }
}
