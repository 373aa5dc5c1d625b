package org.ncmcp.model.tool;

import static org.ncmcp.model.scope.NextcloudApp.DECK;

import java.util.List;
import org.ncmcp.model.scope.Scope;

/**
 * The deck tools of the catalogue (name, title, scope, hints). Kept in a file of its own so each
 * app's tools can be added without touching the others; {@link ToolCatalogue} indexes them all.
 */
public final class DeckCatalogue {

    /**
     * Writes that lose nothing and can be undone by their counterpart (archive/unarchive, move, assign/remove a
     * label or user): not destructive, and repeating them leaves the same state.
     */
    private static final ToolHints REVERSIBLE = new ToolHints(false, false, true, false);

    public static final ToolInfo LIST_BOARDS = read("nc_deck_list_boards", "List Deck boards");
    public static final ToolInfo GET_BOARD = read("nc_deck_get_board", "Get Deck board");
    public static final ToolInfo CREATE_BOARD = write("nc_deck_create_board", "Create Deck board", ToolHints.additive());

    public static final ToolInfo LIST_STACKS = read("nc_deck_list_stacks", "List Deck stacks");
    public static final ToolInfo GET_STACK = read("nc_deck_get_stack", "Get Deck stack");
    public static final ToolInfo CREATE_STACK = write("nc_deck_create_stack", "Create Deck stack", ToolHints.additive());
    public static final ToolInfo UPDATE_STACK = write("nc_deck_update_stack", "Update Deck stack", ToolHints.update());
    public static final ToolInfo DELETE_STACK = write("nc_deck_delete_stack", "Delete Deck stack", ToolHints.delete());

    public static final ToolInfo LIST_CARDS = read("nc_deck_list_cards", "List Deck cards");
    public static final ToolInfo GET_CARD = read("nc_deck_get_card", "Get Deck card");
    public static final ToolInfo CREATE_CARD = write("nc_deck_create_card", "Create Deck card", ToolHints.additive());
    public static final ToolInfo UPDATE_CARD = write("nc_deck_update_card", "Update Deck card", ToolHints.update());
    public static final ToolInfo DELETE_CARD = write("nc_deck_delete_card", "Delete Deck card", ToolHints.delete());
    public static final ToolInfo ARCHIVE_CARD = write("nc_deck_archive_card", "Archive Deck card", REVERSIBLE);
    public static final ToolInfo UNARCHIVE_CARD = write("nc_deck_unarchive_card", "Unarchive Deck card", REVERSIBLE);
    public static final ToolInfo MOVE_CARD = write("nc_deck_move_card", "Move or reorder Deck card", REVERSIBLE);

    public static final ToolInfo LIST_LABELS = read("nc_deck_list_labels", "List Deck labels");
    public static final ToolInfo GET_LABEL = read("nc_deck_get_label", "Get Deck label");
    public static final ToolInfo CREATE_LABEL = write("nc_deck_create_label", "Create Deck label", ToolHints.additive());
    public static final ToolInfo UPDATE_LABEL = write("nc_deck_update_label", "Update Deck label", ToolHints.update());
    public static final ToolInfo DELETE_LABEL = write("nc_deck_delete_label", "Delete Deck label", ToolHints.delete());
    public static final ToolInfo ASSIGN_LABEL = write("nc_deck_assign_label", "Add label to Deck card", REVERSIBLE);
    public static final ToolInfo REMOVE_LABEL = write("nc_deck_remove_label", "Remove label from Deck card", REVERSIBLE);

    public static final ToolInfo ASSIGN_USER = write("nc_deck_assign_user", "Assign user to Deck card", REVERSIBLE);
    public static final ToolInfo UNASSIGN_USER = write("nc_deck_unassign_user", "Unassign user from Deck card",
            REVERSIBLE);

    /** Every deck tool, in the order they are listed. */
    public static final List<ToolInfo> TOOLS = List.of(LIST_BOARDS, GET_BOARD, CREATE_BOARD, LIST_STACKS, GET_STACK,
            CREATE_STACK, UPDATE_STACK, DELETE_STACK, LIST_CARDS, GET_CARD, CREATE_CARD, UPDATE_CARD, DELETE_CARD,
            ARCHIVE_CARD, UNARCHIVE_CARD, MOVE_CARD, LIST_LABELS, GET_LABEL, CREATE_LABEL, UPDATE_LABEL, DELETE_LABEL,
            ASSIGN_LABEL, REMOVE_LABEL, ASSIGN_USER, UNASSIGN_USER);

    private DeckCatalogue() {
    }

    private static ToolInfo read(String name, String title) {
        return new ToolInfo(name, title, Scope.read(DECK), ToolHints.read());
    }

    private static ToolInfo write(String name, String title, ToolHints hints) {
        return new ToolInfo(name, title, Scope.write(DECK), hints);
    }
}
