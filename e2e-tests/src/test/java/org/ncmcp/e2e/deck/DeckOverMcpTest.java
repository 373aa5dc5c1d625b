package org.ncmcp.e2e.deck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.mcp.SingleUserStack.id;
import static org.ncmcp.e2e.mcp.SingleUserStack.list;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.mcp.SingleUserStack;

/**
 * The Deck tools through a real MCP client, mcp-resource (single-user, as alice) and the simulator's Deck:
 * each tool's happy path, and its not-found or conflict path.
 */
class DeckOverMcpTest {

    private static final long MISSING = 999_999;

    @AutoClose
    private static SingleUserStack mcpStack;

    @BeforeAll
    static void start() {
        mcpStack = SingleUserStack.start("alice");
        mcpStack.nextcloud().state().addUser("bob", "bob", "Bob", "bob-login");
    }

    @SuppressWarnings("unchecked")
    private static long newBoard(String title) {
        Map<String, Object> created = mcpStack.ok("nc_deck_create_board", "title", title);
        return id((Map<String, Object>) created.get("board"));
    }

    @Test
    void listsTheTwentyFiveDeckToolsWithScopesAndHints() {
        List<McpSchema.Tool> tools = mcpStack.mcp().listTools().tools().stream().filter(t -> t.name().startsWith("nc_deck_"))
                .toList();
        assertThat(tools).hasSize(25);
        for (McpSchema.Tool tool : tools) {
            boolean readOnly = Boolean.TRUE.equals(tool.annotations().readOnlyHint());
            assertThat(tool.meta()).as(tool.name()).containsEntry("nextcloud-mcp/scope", readOnly ? "deck:read" : "deck:write");
            assertThat(tool.annotations().destructiveHint()).as(tool.name()).isNotNull();
            assertThat(tool.annotations().idempotentHint()).as(tool.name()).isNotNull();
            assertThat(tool.annotations().openWorldHint()).as(tool.name()).isFalse();
            assertThat(tool.outputSchema()).as(tool.name()).containsKey("properties");
        }
        McpSchema.Tool move = tools.stream().filter(t -> t.name().equals("nc_deck_move_card")).findFirst().orElseThrow();
        assertThat(move.annotations().destructiveHint()).isFalse();
        assertThat(move.inputSchema().toString()).contains("targetStackId", "description", "examples");
        McpSchema.Tool delete = tools.stream().filter(t -> t.name().equals("nc_deck_delete_card")).findFirst().orElseThrow();
        assertThat(delete.annotations().destructiveHint()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void boardsStacksAndCardsFromCreationToDeletion() {
        Map<String, Object> created = mcpStack.ok("nc_deck_create_board", "title", "Kitchen", "color", "ff7a66");
        long board = id((Map<String, Object>) created.get("board"));
        assertThat(list(created, "labels")).extracting(l -> l.get("title"))
                .containsExactly("Finished", "To review", "Action needed", "Later");
        assertThat(list(mcpStack.ok("nc_deck_list_boards"), "boards")).extracting(b -> b.get("title")).contains("Kitchen");

        long todo = id(mcpStack.ok("nc_deck_create_stack", "boardId", board, "title", "To do"));
        long done = id(mcpStack.ok("nc_deck_create_stack", "boardId", board, "title", "Done"));
        assertThat(list(mcpStack.ok("nc_deck_list_stacks", "boardId", board), "stacks")).extracting(s -> s.get("title"))
                .containsExactly("To do", "Done");
        Map<String, Object> renamed = mcpStack.ok("nc_deck_update_stack", "boardId", board, "stackId", done, "title", "Finished");
        assertThat(renamed).containsEntry("title", "Finished").containsEntry("order", 1);
        assertThat(mcpStack.ok("nc_deck_get_stack", "boardId", board, "stackId", done)).containsEntry("title", "Finished");

        Map<String, Object> card = mcpStack.ok("nc_deck_create_card", "boardId", board, "stackId", todo, "title", "Order tiles",
                "description", "White, 20x20", "duedate", "2026-12-24T17:00:00+01:00");
        long cardId = id(card);
        assertThat(card).containsEntry("duedate", "2026-12-24T16:00:00+00:00");
        assertThat(list(mcpStack.ok("nc_deck_get_board", "boardId", board), "stacks")).extracting(s -> s.get("cardCount"))
                .containsExactly(1, 0);

        // Deck's PUT replaces the whole card: changing the title must keep description and due date.
        String etag = (String) mcpStack.ok("nc_deck_get_card", "boardId", board, "stackId", todo, "cardId", cardId).get("etag");
        assertThat(etag).isNotEmpty();
        Map<String, Object> updated = mcpStack.ok("nc_deck_update_card", "boardId", board, "stackId", todo, "cardId", cardId,
                "title", "Order tiles (blue)", "done", true, "etag", etag);
        assertThat(updated).containsEntry("title", "Order tiles (blue)").containsEntry("description", "White, 20x20")
                .containsEntry("duedate", "2026-12-24T16:00:00+00:00");
        assertThat((String) updated.get("done")).isNotEmpty();
        assertThat(mcpStack.error("nc_deck_update_card", "boardId", board, "stackId", todo, "cardId", cardId,
                "title", "lost?", "etag", etag)).contains("was changed since you read it", "Nothing was written");
        Map<String, Object> cleared = mcpStack.ok("nc_deck_update_card", "boardId", board, "stackId", todo, "cardId", cardId,
                "duedate", "");
        assertThat(cleared).containsEntry("duedate", "").containsEntry("description", "White, 20x20");

        Map<String, Object> moved = mcpStack.ok("nc_deck_move_card", "boardId", board, "stackId", todo, "cardId", cardId,
                "targetStackId", done);
        assertThat(((Number) moved.get("stackId")).longValue()).isEqualTo(done);
        assertThat(list(mcpStack.ok("nc_deck_list_cards", "boardId", board, "stackId", done), "cards"))
                .extracting(c -> c.get("title")).containsExactly("Order tiles (blue)");
        assertThat(mcpStack.ok("nc_deck_get_card", "boardId", board, "stackId", done, "cardId", cardId))
                .containsEntry("title", "Order tiles (blue)");

        assertThat(mcpStack.ok("nc_deck_archive_card", "boardId", board, "stackId", done, "cardId", cardId))
                .containsEntry("archived", true);
        assertThat(list(mcpStack.ok("nc_deck_list_cards", "boardId", board), "cards")).isEmpty();
        assertThat(list(mcpStack.ok("nc_deck_list_cards", "boardId", board, "archived", true), "cards")).hasSize(1);
        assertThat(mcpStack.ok("nc_deck_unarchive_card", "boardId", board, "stackId", done, "cardId", cardId))
                .containsEntry("archived", false);

        assertThat(mcpStack.ok("nc_deck_delete_card", "boardId", board, "stackId", done, "cardId", cardId))
                .containsEntry("kind", "card").containsEntry("deleted", true);
        assertThat(mcpStack.error("nc_deck_get_card", "boardId", board, "stackId", done, "cardId", cardId))
                .contains("card " + cardId, "does not exist");
        assertThat(mcpStack.ok("nc_deck_delete_stack", "boardId", board, "stackId", todo)).containsEntry("title", "To do");
        assertThat(mcpStack.error("nc_deck_get_stack", "boardId", board, "stackId", todo)).contains("does not exist");
    }

    @Test
    void reorderWithinAStack() {
        long board = newBoard("Reorder");
        long stack = id(mcpStack.ok("nc_deck_create_stack", "boardId", board, "title", "Queue"));
        long first = id(mcpStack.ok("nc_deck_create_card", "boardId", board, "stackId", stack, "title", "first"));
        long second = id(mcpStack.ok("nc_deck_create_card", "boardId", board, "stackId", stack, "title", "second"));
        mcpStack.ok("nc_deck_move_card", "boardId", board, "stackId", stack, "cardId", second, "position", 0);
        assertThat(list(mcpStack.ok("nc_deck_list_cards", "boardId", board), "cards")).extracting(c -> c.get("id"))
                .containsExactly((int) second, (int) first);
    }

    @Test
    @SuppressWarnings("unchecked")
    void labelsOnTheBoardAndOnCards() {
        long board = newBoard("Labels");
        long stack = id(mcpStack.ok("nc_deck_create_stack", "boardId", board, "title", "Inbox"));
        long card = id(mcpStack.ok("nc_deck_create_card", "boardId", board, "stackId", stack, "title", "Triage"));
        assertThat(list(mcpStack.ok("nc_deck_list_labels", "boardId", board), "labels")).hasSize(4);

        long urgent = id(mcpStack.ok("nc_deck_create_label", "boardId", board, "title", "Urgent", "color", "e9322d"));
        assertThat(mcpStack.ok("nc_deck_get_label", "boardId", board, "labelId", urgent)).containsEntry("title", "Urgent");
        assertThat(mcpStack.ok("nc_deck_update_label", "boardId", board, "labelId", urgent, "color", "ff0000"))
                .containsEntry("title", "Urgent").containsEntry("color", "ff0000");

        Map<String, Object> labelled = mcpStack.ok("nc_deck_assign_label", "boardId", board, "stackId", stack, "cardId", card,
                "labelId", urgent);
        assertThat(list(labelled, "labels")).extracting(l -> l.get("title")).containsExactly("Urgent");
        Map<String, Object> unlabelled = mcpStack.ok("nc_deck_remove_label", "boardId", board, "stackId", stack, "cardId", card,
                "labelId", urgent);
        assertThat(list(unlabelled, "labels")).isEmpty();

        assertThat(mcpStack.ok("nc_deck_delete_label", "boardId", board, "labelId", urgent)).containsEntry("kind", "label");
        assertThat(mcpStack.error("nc_deck_get_label", "boardId", board, "labelId", urgent)).contains("label " + urgent,
                "does not exist");
        assertThat(mcpStack.error("nc_deck_assign_label", "boardId", board, "stackId", stack, "cardId", card, "labelId", urgent))
                .contains("does not exist");
    }

    @Test
    void assigningBoardMembersAndTheConflicts() {
        long board = newBoard("Team");
        mcpStack.nextcloud().deck().shareBoard(board, "bob", true, false, false);
        long stack = id(mcpStack.ok("nc_deck_create_stack", "boardId", board, "title", "Work"));
        long card = id(mcpStack.ok("nc_deck_create_card", "boardId", board, "stackId", stack, "title", "Paint"));

        assertThat(mcpStack.ok("nc_deck_assign_user", "boardId", board, "stackId", stack, "cardId", card, "userId", "bob"))
                .containsEntry("assigned", true).containsEntry("assignedUsers", List.of("bob"));
        assertThat(mcpStack.error("nc_deck_assign_user", "boardId", board, "stackId", stack, "cardId", card, "userId", "bob"))
                .contains("'bob' is already assigned");
        assertThat(mcpStack.error("nc_deck_assign_user", "boardId", board, "stackId", stack, "cardId", card, "userId", "carol"))
                .contains("only members of the board");
        assertThat(mcpStack.ok("nc_deck_unassign_user", "boardId", board, "stackId", stack, "cardId", card, "userId", "bob"))
                .containsEntry("assigned", false).containsEntry("assignedUsers", List.of());
        assertThat(mcpStack.error("nc_deck_unassign_user", "boardId", board, "stackId", stack, "cardId", card, "userId", "bob"))
                .contains("'bob' is not assigned");
    }

    @Test
    void aReadOnlyShareRefusesChangesWithAnExplanation() {
        long bobsBoard = mcpStack.nextcloud().deck().createBoard("bob", "Bob's plans", "317ccc");
        long stack = mcpStack.nextcloud().deck().createStack("bob", bobsBoard, "Ideas", 0);
        mcpStack.nextcloud().deck().shareBoard(bobsBoard, "alice", false, false, false);

        @SuppressWarnings("unchecked")
        Map<String, Object> shared = (Map<String, Object>) mcpStack.ok("nc_deck_get_board", "boardId", bobsBoard).get("board");
        assertThat(shared).containsEntry("canEdit", false).containsEntry("owner", "bob");
        assertThat(mcpStack.error("nc_deck_create_card", "boardId", bobsBoard, "stackId", stack, "title", "Mine"))
                .contains("may not add cards to", "edit permission");
        assertThat(mcpStack.error("nc_deck_create_label", "boardId", bobsBoard, "title", "x", "color", "000000"))
                .contains("may not manage labels of");
    }

    @Test
    void everyToolOnAMissingBoardSaysItDoesNotExistOrIsNotAccessible() {
        Map<String, Object[]> calls = new LinkedHashMap<>();
        calls.put("nc_deck_get_board", new Object[] {"boardId", MISSING});
        calls.put("nc_deck_list_stacks", new Object[] {"boardId", MISSING});
        calls.put("nc_deck_get_stack", new Object[] {"boardId", MISSING, "stackId", MISSING});
        calls.put("nc_deck_create_stack", new Object[] {"boardId", MISSING, "title", "x"});
        calls.put("nc_deck_update_stack", new Object[] {"boardId", MISSING, "stackId", MISSING, "title", "x"});
        calls.put("nc_deck_delete_stack", new Object[] {"boardId", MISSING, "stackId", MISSING});
        calls.put("nc_deck_list_cards", new Object[] {"boardId", MISSING});
        Object[] card = {"boardId", MISSING, "stackId", MISSING, "cardId", MISSING};
        for (String tool : List.of("nc_deck_get_card", "nc_deck_delete_card", "nc_deck_archive_card",
                "nc_deck_unarchive_card", "nc_deck_move_card")) {
            calls.put(tool, card);
        }
        calls.put("nc_deck_create_card", new Object[] {"boardId", MISSING, "stackId", MISSING, "title", "x"});
        calls.put("nc_deck_update_card", new Object[] {"boardId", MISSING, "stackId", MISSING, "cardId", MISSING,
                "title", "x"});
        calls.put("nc_deck_list_labels", new Object[] {"boardId", MISSING});
        calls.put("nc_deck_get_label", new Object[] {"boardId", MISSING, "labelId", MISSING});
        calls.put("nc_deck_create_label", new Object[] {"boardId", MISSING, "title", "x", "color", "000000"});
        calls.put("nc_deck_update_label", new Object[] {"boardId", MISSING, "labelId", MISSING, "title", "x"});
        calls.put("nc_deck_delete_label", new Object[] {"boardId", MISSING, "labelId", MISSING});
        calls.put("nc_deck_assign_label", new Object[] {"boardId", MISSING, "stackId", MISSING, "cardId", MISSING,
                "labelId", MISSING});
        calls.put("nc_deck_remove_label", new Object[] {"boardId", MISSING, "stackId", MISSING, "cardId", MISSING,
                "labelId", MISSING});
        calls.put("nc_deck_assign_user", new Object[] {"boardId", MISSING, "stackId", MISSING, "cardId", MISSING,
                "userId", "bob"});
        calls.put("nc_deck_unassign_user", new Object[] {"boardId", MISSING, "stackId", MISSING, "cardId", MISSING,
                "userId", "bob"});
        assertThat(calls).hasSize(23);
        calls.forEach((tool, arguments) -> assertThat(mcpStack.error(tool, arguments)).as(tool)
                .contains(String.valueOf(MISSING), "does not exist, or you may not"));
    }

    @Test
    void invalidInputIsRefusedBeforeReachingDeck() {
        assertThat(mcpStack.error("nc_deck_create_board", "title", "x", "color", "#ff0000")).contains("Invalid input", "color");
        assertThat(mcpStack.error("nc_deck_create_card", "boardId", 1, "stackId", 1)).contains("title");
    }
}
