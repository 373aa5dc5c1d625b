package org.ncmcp.resource.apps.deck;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.ncmcp.resource.apps.deck.DeckModels.DeckBoard;
import org.ncmcp.resource.apps.deck.DeckModels.DeckCard;
import org.ncmcp.resource.apps.deck.DeckModels.DeckLabel;
import org.ncmcp.resource.apps.deck.DeckModels.DeckStack;

/** Inputs and outputs of the Deck tools; their JSON schemas are generated from these records. */
final class DeckToolModels {

    private static final String HEX = "[0-9a-fA-F]{6}";
    private static final String ISO_DATE = "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?";

    private DeckToolModels() {
    }

    // --- inputs ----------------------------------------------------------------------------------

    record BoardIdInput(
            @Schema(description = "The board's id, from nc_deck_list_boards.", example = "3") @Positive long boardId) {
    }

    record CreateBoardInput(
            @Schema(description = "Title of the new board.", example = "Kitchen renovation")
            @NotBlank @Size(max = 100) String title,
            @Schema(description = "Colour as 6 hex digits without '#'; default 0082c9 (Nextcloud blue).",
                    example = "ff7a66", requiredMode = RequiredMode.NOT_REQUIRED) @Pattern(regexp = HEX) String color) {
    }

    record StackInput(
            @Schema(description = "The board's id.", example = "3") @Positive long boardId,
            @Schema(description = "The stack's (column's) id, from nc_deck_list_stacks.", example = "7")
            @Positive long stackId) {
    }

    record CreateStackInput(
            @Schema(description = "The board's id.", example = "3") @Positive long boardId,
            @Schema(description = "Title of the new stack (a column such as 'To do').", example = "In progress")
            @NotBlank @Size(max = 100) String title,
            @Schema(description = "Position among the board's stacks; lower comes first. Default: last.",
                    example = "1", requiredMode = RequiredMode.NOT_REQUIRED) @Min(0) Long order) {
    }

    record UpdateStackInput(
            @Schema(description = "The board's id.", example = "3") @Positive long boardId,
            @Schema(description = "The stack's id.", example = "7") @Positive long stackId,
            @Schema(description = "New title; omit to keep it.", example = "Done",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(min = 1, max = 100) String title,
            @Schema(description = "New position among the stacks; omit to keep it.", example = "2",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(0) Long order) {
    }

    record ListCardsInput(
            @Schema(description = "The board's id.", example = "3") @Positive long boardId,
            @Schema(description = "Only the cards of this stack; omit for the whole board.", example = "7",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Positive Long stackId,
            @Schema(description = "List archived cards instead of active ones (default false).", example = "false",
                    requiredMode = RequiredMode.NOT_REQUIRED) Boolean archived) {
    }

    record CardInput(
            @Schema(description = "The board's id.", example = "3") @Positive long boardId,
            @Schema(description = "The id of the stack the card is in.", example = "7") @Positive long stackId,
            @Schema(description = "The card's id, from nc_deck_list_cards.", example = "42") @Positive long cardId) {
    }

    record CreateCardInput(
            @Schema(description = "The board's id.", example = "3") @Positive long boardId,
            @Schema(description = "The stack to put the card in.", example = "7") @Positive long stackId,
            @Schema(description = "Title of the card.", example = "Order tiles") @NotBlank @Size(max = 255) String title,
            @Schema(description = "Description (Markdown).", example = "White, 20x20 cm",
                    requiredMode = RequiredMode.NOT_REQUIRED) String description,
            @Schema(description = "Due date, ISO-8601 with offset.", example = "2026-12-24T17:00:00+01:00",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Pattern(regexp = ISO_DATE) String duedate,
            @Schema(description = "Position in the stack; lower comes first. Default: last.", example = "0",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(0) Long order) {
    }

    record UpdateCardInput(
            @Schema(description = "The board's id.", example = "3") @Positive long boardId,
            @Schema(description = "The id of the stack the card is in.", example = "7") @Positive long stackId,
            @Schema(description = "The card's id.", example = "42") @Positive long cardId,
            @Schema(description = "New title; omit to keep it.", example = "Order tiles (done)",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(min = 1, max = 255) String title,
            @Schema(description = "New description, replacing the old; omit to keep it, empty string to clear.",
                    example = "Ordered on Monday", requiredMode = RequiredMode.NOT_REQUIRED) String description,
            @Schema(description = "New due date, ISO-8601 with offset; omit to keep it, empty string to clear.",
                    example = "2026-12-31T12:00:00Z", requiredMode = RequiredMode.NOT_REQUIRED)
            @Pattern(regexp = ISO_DATE) String duedate,
            @Schema(description = "Mark the card done (true) or not done (false); omit to keep it.", example = "true",
                    requiredMode = RequiredMode.NOT_REQUIRED) Boolean done,
            @Schema(description = "The etag from when you read the card (nc_deck_get_card). If given and the card"
                    + " changed since, nothing is written and the error says so.",
                    example = "0f6b7b0c1f1e4c5c9a3b8d2e7f6a5b4c", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 128) String etag) {
    }

    record MoveCardInput(
            @Schema(description = "The board's id.", example = "3") @Positive long boardId,
            @Schema(description = "The id of the stack the card is in now.", example = "7") @Positive long stackId,
            @Schema(description = "The card's id.", example = "42") @Positive long cardId,
            @Schema(description = "The stack to move it to (same board); omit to reorder within its stack.",
                    example = "8", requiredMode = RequiredMode.NOT_REQUIRED) @Positive Long targetStackId,
            @Schema(description = "Position in the target stack, 0 = top (default 0).", example = "0",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(0) Long position) {
    }

    record LabelInput(
            @Schema(description = "The board's id.", example = "3") @Positive long boardId,
            @Schema(description = "The label's id, from nc_deck_list_labels.", example = "12") @Positive long labelId) {
    }

    record CreateLabelInput(
            @Schema(description = "The board's id.", example = "3") @Positive long boardId,
            @Schema(description = "Title of the label.", example = "Urgent") @NotBlank @Size(max = 100) String title,
            @Schema(description = "Colour as 6 hex digits without '#'.", example = "e9322d")
            @NotBlank @Pattern(regexp = HEX) String color) {
    }

    record UpdateLabelInput(
            @Schema(description = "The board's id.", example = "3") @Positive long boardId,
            @Schema(description = "The label's id.", example = "12") @Positive long labelId,
            @Schema(description = "New title; omit to keep it.", example = "Very urgent",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(min = 1, max = 100) String title,
            @Schema(description = "New colour, 6 hex digits; omit to keep it.", example = "ff0000",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Pattern(regexp = HEX) String color) {
    }

    record CardLabelInput(
            @Schema(description = "The board's id.", example = "3") @Positive long boardId,
            @Schema(description = "The id of the stack the card is in.", example = "7") @Positive long stackId,
            @Schema(description = "The card's id.", example = "42") @Positive long cardId,
            @Schema(description = "The label's id (a label of the same board).", example = "12")
            @Positive long labelId) {
    }

    record CardUserInput(
            @Schema(description = "The board's id.", example = "3") @Positive long boardId,
            @Schema(description = "The id of the stack the card is in.", example = "7") @Positive long stackId,
            @Schema(description = "The card's id.", example = "42") @Positive long cardId,
            @Schema(description = "The Nextcloud user id of a board member.", example = "bob")
            @NotBlank @Size(max = 64) String userId) {
    }

    // --- outputs ---------------------------------------------------------------------------------

    @Schema(description = "A label.")
    record LabelView(
            @Schema(description = "The label's id.") long id,
            @Schema(description = "Title.") String title,
            @Schema(description = "Colour, 6 hex digits.") String color) {

        static LabelView of(DeckLabel label) {
            return new LabelView(label.id(), nullToEmpty(label.title()), nullToEmpty(label.color()));
        }
    }

    @Schema(description = "A board, without its stacks.")
    record BoardSummary(
            @Schema(description = "The board's id.") long id,
            @Schema(description = "Title.") String title,
            @Schema(description = "Colour, 6 hex digits.") String color,
            @Schema(description = "Whether the board is archived.") boolean archived,
            @Schema(description = "User id of the owner.") String owner,
            @Schema(description = "Whether you may change stacks and cards.") boolean canEdit,
            @Schema(description = "Whether you may manage the board (labels, settings).") boolean canManage) {

        static BoardSummary of(DeckBoard board) {
            return new BoardSummary(board.id(), nullToEmpty(board.title()), nullToEmpty(board.color()),
                    board.archived(), board.owner() == null ? "" : nullToEmpty(board.owner().uid()),
                    board.can("PERMISSION_EDIT"), board.can("PERMISSION_MANAGE"));
        }
    }

    @Schema(description = "The boards you can see.")
    record BoardList(@Schema(description = "Boards, active and archived.") List<BoardSummary> boards) {
    }

    @Schema(description = "A board with its labels and stacks.")
    record BoardDetails(
            @Schema(description = "The board and your permissions.") BoardSummary board,
            @Schema(description = "The board's labels.") List<LabelView> labels,
            @Schema(description = "The board's stacks (columns), in order, with how many active cards each has.")
            List<StackSummary> stacks) {
    }

    @Schema(description = "A stack without its cards.")
    record StackSummary(
            @Schema(description = "The stack's id.") long id,
            @Schema(description = "Title.") String title,
            @Schema(description = "Position among the stacks.") long order,
            @Schema(description = "Number of active (not archived) cards.") int cardCount) {

        static StackSummary of(DeckStack stack) {
            return new StackSummary(stack.id(), nullToEmpty(stack.title()), orZero(stack.order()),
                    stack.cardList().size());
        }
    }

    @Schema(description = "A stack with its cards.")
    record StackView(
            @Schema(description = "The stack's id.") long id,
            @Schema(description = "The board's id.") long boardId,
            @Schema(description = "Title.") String title,
            @Schema(description = "Position among the stacks.") long order,
            @Schema(description = "Its cards, in order.") List<CardSummary> cards) {

        static StackView of(DeckStack stack, long boardId) {
            return new StackView(stack.id(), boardId, nullToEmpty(stack.title()), orZero(stack.order()),
                    stack.cardList().stream().map(card -> CardSummary.of(card, boardId)).toList());
        }
    }

    @Schema(description = "A board's stacks with their cards.")
    record StackList(
            @Schema(description = "The board's id.") long boardId,
            @Schema(description = "Stacks in order.") List<StackView> stacks) {
    }

    @Schema(description = "A card, without its description.")
    record CardSummary(
            @Schema(description = "The card's id.") long id,
            @Schema(description = "The board's id.") long boardId,
            @Schema(description = "The id of the stack the card is in.") long stackId,
            @Schema(description = "Title.") String title,
            @Schema(description = "Position in the stack.") long order,
            @Schema(description = "Due date, ISO-8601; empty for none.") String duedate,
            @Schema(description = "Whether the card is marked done.") boolean done,
            @Schema(description = "Whether the card is archived.") boolean archived,
            @Schema(description = "Titles of its labels.") List<String> labels,
            @Schema(description = "User ids assigned to it.") List<String> assignedUsers) {

        static CardSummary of(DeckCard card, long boardId) {
            return new CardSummary(card.id(), boardId, card.stackId(), nullToEmpty(card.title()),
                    orZero(card.order()), nullToEmpty(card.duedate()), card.done() != null,
                    Boolean.TRUE.equals(card.archived()),
                    card.labelList().stream().map(label -> nullToEmpty(label.title())).toList(),
                    card.assignedUserIds());
        }
    }

    @Schema(description = "Cards of a board or stack.")
    record CardList(
            @Schema(description = "The board's id.") long boardId,
            @Schema(description = "Whether these are archived cards.") boolean archived,
            @Schema(description = "The cards, stack by stack, in order.") List<CardSummary> cards) {
    }

    @Schema(description = "A card with all its details.")
    record CardDetails(
            @Schema(description = "The card's id.") long id,
            @Schema(description = "The board's id.") long boardId,
            @Schema(description = "The id of the stack the card is in.") long stackId,
            @Schema(description = "Title.") String title,
            @Schema(description = "Description (Markdown); empty for none.") String description,
            @Schema(description = "Position in the stack.") long order,
            @Schema(description = "Due date, ISO-8601; empty for none.") String duedate,
            @Schema(description = "When it was marked done, ISO-8601; empty if not done.") String done,
            @Schema(description = "Whether the card is archived.") boolean archived,
            @Schema(description = "User id of the card's creator.") String owner,
            @Schema(description = "Its labels.") List<LabelView> labels,
            @Schema(description = "User ids assigned to it.") List<String> assignedUsers,
            @Schema(description = "Last change, ISO-8601 UTC.") String lastModified,
            @Schema(description = "Version tag; pass it to nc_deck_update_card to be warned of concurrent changes.")
            String etag) {

        static CardDetails of(DeckCard card, long boardId) {
            return new CardDetails(card.id(), boardId, card.stackId(), nullToEmpty(card.title()),
                    nullToEmpty(card.description()), orZero(card.order()), nullToEmpty(card.duedate()),
                    nullToEmpty(card.done()), Boolean.TRUE.equals(card.archived()), nullToEmpty(card.ownerId()),
                    card.labelList().stream().map(LabelView::of).toList(), card.assignedUserIds(),
                    card.lastModified() == null ? "" : Instant.ofEpochSecond(card.lastModified()).toString(),
                    nullToEmpty(card.etag()));
        }
    }

    @Schema(description = "A board's labels.")
    record LabelList(
            @Schema(description = "The board's id.") long boardId,
            @Schema(description = "Its labels.") List<LabelView> labels) {
    }

    @Schema(description = "The outcome of a deletion.")
    record Deleted(
            @Schema(description = "What was deleted: stack, card or label.") String kind,
            @Schema(description = "Its id.") long id,
            @Schema(description = "Its title.") String title,
            @Schema(description = "Always true; a failure is reported as an error instead.") boolean deleted) {
    }

    @Schema(description = "A card's assigned users after a change.")
    record Assignment(
            @Schema(description = "The card's id.") long cardId,
            @Schema(description = "The user id that was assigned or unassigned.") String userId,
            @Schema(description = "Whether the user is now assigned.") boolean assigned,
            @Schema(description = "Everyone assigned to the card now.") List<String> assignedUsers) {
    }

    static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
