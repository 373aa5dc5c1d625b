package org.ncmcp.resource.apps.deck;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.ncmcp.model.tool.DeckCatalogue;
import org.ncmcp.resource.apps.deck.DeckModels.CardChanges;
import org.ncmcp.resource.apps.deck.DeckModels.DeckBoard;
import org.ncmcp.resource.apps.deck.DeckModels.DeckCard;
import org.ncmcp.resource.apps.deck.DeckModels.DeckLabel;
import org.ncmcp.resource.apps.deck.DeckModels.DeckStack;
import org.ncmcp.resource.apps.deck.DeckToolModels.Assignment;
import org.ncmcp.resource.apps.deck.DeckToolModels.BoardDetails;
import org.ncmcp.resource.apps.deck.DeckToolModels.BoardIdInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.BoardList;
import org.ncmcp.resource.apps.deck.DeckToolModels.BoardSummary;
import org.ncmcp.resource.apps.deck.DeckToolModels.CardDetails;
import org.ncmcp.resource.apps.deck.DeckToolModels.CardInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.CardLabelInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.CardList;
import org.ncmcp.resource.apps.deck.DeckToolModels.CardSummary;
import org.ncmcp.resource.apps.deck.DeckToolModels.CardUserInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.CreateBoardInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.CreateCardInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.CreateLabelInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.CreateStackInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.Deleted;
import org.ncmcp.resource.apps.deck.DeckToolModels.LabelInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.LabelList;
import org.ncmcp.resource.apps.deck.DeckToolModels.LabelView;
import org.ncmcp.resource.apps.deck.DeckToolModels.ListCardsInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.MoveCardInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.StackInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.StackList;
import org.ncmcp.resource.apps.deck.DeckToolModels.StackSummary;
import org.ncmcp.resource.apps.deck.DeckToolModels.StackView;
import org.ncmcp.resource.apps.deck.DeckToolModels.UpdateCardInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.UpdateLabelInput;
import org.ncmcp.resource.apps.deck.DeckToolModels.UpdateStackInput;
import org.ncmcp.resource.tool.NextcloudTool;
import org.ncmcp.resource.tool.ToolSet;

/** The 25 Deck tools: boards, stacks, cards, labels and card assignments. */
public class DeckTools implements ToolSet {

    /** Nextcloud's primary blue, the colour the Deck UI suggests for a new board. */
    static final String DEFAULT_BOARD_COLOR = "0082c9";
    /** Deck's own default position for new cards (its API documentation's example): after the others. */
    private static final long LAST = 999;

    private final DeckClient deck;
    private final Clock clock;

    public DeckTools(DeckClient deck, Clock clock) {
        this.deck = deck;
        this.clock = clock;
    }

    @Override
    public List<NextcloudTool<?, ?>> tools() {
        return List.of(
                NextcloudTool.of(DeckCatalogue.LIST_BOARDS, "List the Deck boards you own or that are shared with"
                        + " you, with your permissions on each.", NoInput.class, BoardList.class, input -> listBoards()),
                NextcloudTool.of(DeckCatalogue.GET_BOARD, "Read a Deck board: its labels, and its stacks (columns)"
                        + " with how many cards each holds.", BoardIdInput.class, BoardDetails.class, this::getBoard),
                NextcloudTool.of(DeckCatalogue.CREATE_BOARD, "Create a Deck board. It starts with Deck's four default"
                        + " labels and no stacks.", CreateBoardInput.class, BoardDetails.class, this::createBoard),
                NextcloudTool.of(DeckCatalogue.LIST_STACKS, "List a board's stacks (columns) in order, each with its"
                        + " active cards.", BoardIdInput.class, StackList.class, this::listStacks),
                NextcloudTool.of(DeckCatalogue.GET_STACK, "Read one stack with its active cards.", StackInput.class,
                        StackView.class, input -> StackView.of(deck.getStack(input.boardId(), input.stackId()),
                                input.boardId())),
                NextcloudTool.of(DeckCatalogue.CREATE_STACK, "Add a stack (column) to a board.", CreateStackInput.class,
                        StackView.class, this::createStack),
                NextcloudTool.of(DeckCatalogue.UPDATE_STACK, "Rename a stack or change its position; omitted fields"
                        + " keep their values.", UpdateStackInput.class, StackView.class, this::updateStack),
                NextcloudTool.of(DeckCatalogue.DELETE_STACK, "Delete a stack and the cards in it (Deck keeps them"
                        + " restorable for a while).", StackInput.class, Deleted.class, this::deleteStack),
                NextcloudTool.of(DeckCatalogue.LIST_CARDS, "List the cards of a board, or of one stack, in order;"
                        + " active cards unless 'archived' is true.", ListCardsInput.class, CardList.class,
                        this::listCards),
                NextcloudTool.of(DeckCatalogue.GET_CARD, "Read a card: title, description, due date, done, labels,"
                        + " assigned users.", CardInput.class, CardDetails.class,
                        input -> CardDetails.of(deck.getCard(input.boardId(), input.stackId(), input.cardId()),
                                input.boardId())),
                NextcloudTool.of(DeckCatalogue.CREATE_CARD, "Create a card in a stack.", CreateCardInput.class,
                        CardDetails.class, this::createCard),
                NextcloudTool.of(DeckCatalogue.UPDATE_CARD, "Change a card's title, description, due date or done"
                        + " state. Only the fields you give change; everything else is kept as it is. Pass the etag"
                        + " from nc_deck_get_card to refuse the change if someone else edited the card meanwhile.",
                        UpdateCardInput.class, CardDetails.class, this::updateCard),
                NextcloudTool.of(DeckCatalogue.DELETE_CARD, "Delete a card.", CardInput.class, Deleted.class,
                        this::deleteCard),
                NextcloudTool.of(DeckCatalogue.ARCHIVE_CARD, "Archive a card: it leaves the board's active view but"
                        + " is kept; undo with nc_deck_unarchive_card.", CardInput.class, CardDetails.class,
                        input -> archive(input, true)),
                NextcloudTool.of(DeckCatalogue.UNARCHIVE_CARD, "Bring an archived card back to its stack.",
                        CardInput.class, CardDetails.class, input -> archive(input, false)),
                NextcloudTool.of(DeckCatalogue.MOVE_CARD, "Move a card to another stack of the same board (e.g. from"
                        + " 'To do' to 'Done'), or to another position in its stack.", MoveCardInput.class,
                        CardDetails.class, this::moveCard),
                NextcloudTool.of(DeckCatalogue.LIST_LABELS, "List a board's labels.", BoardIdInput.class,
                        LabelList.class, this::listLabels),
                NextcloudTool.of(DeckCatalogue.GET_LABEL, "Read one label.", LabelInput.class, LabelView.class,
                        input -> LabelView.of(deck.getLabel(input.boardId(), input.labelId()))),
                NextcloudTool.of(DeckCatalogue.CREATE_LABEL, "Create a label on a board (needs manage permission on"
                        + " shared boards).", CreateLabelInput.class, LabelView.class,
                        input -> LabelView.of(deck.createLabel(input.boardId(), input.title(), input.color()))),
                NextcloudTool.of(DeckCatalogue.UPDATE_LABEL, "Rename or recolour a label; omitted fields keep their"
                        + " values.", UpdateLabelInput.class, LabelView.class, this::updateLabel),
                NextcloudTool.of(DeckCatalogue.DELETE_LABEL, "Delete a label; it is removed from every card.",
                        LabelInput.class, Deleted.class, this::deleteLabel),
                NextcloudTool.of(DeckCatalogue.ASSIGN_LABEL, "Put a label of the board on a card.",
                        CardLabelInput.class, CardDetails.class, input -> label(input, true)),
                NextcloudTool.of(DeckCatalogue.REMOVE_LABEL, "Take a label off a card (the label stays on the board).",
                        CardLabelInput.class, CardDetails.class, input -> label(input, false)),
                NextcloudTool.of(DeckCatalogue.ASSIGN_USER, "Assign a board member to a card.", CardUserInput.class,
                        Assignment.class, input -> assign(input, true)),
                NextcloudTool.of(DeckCatalogue.UNASSIGN_USER, "Remove a user's assignment from a card.",
                        CardUserInput.class, Assignment.class, input -> assign(input, false)));
    }

    /** The input of tools that take no arguments. */
    record NoInput() {
    }

    private BoardList listBoards() {
        return new BoardList(deck.listBoards().stream().map(BoardSummary::of).toList());
    }

    private BoardDetails getBoard(BoardIdInput input) {
        DeckBoard board = deck.getBoard(input.boardId());
        List<StackSummary> stacks = deck.listStacks(input.boardId(), false).stream().map(StackSummary::of).toList();
        return new BoardDetails(BoardSummary.of(board), board.labelList().stream().map(LabelView::of).toList(), stacks);
    }

    private BoardDetails createBoard(CreateBoardInput input) {
        DeckBoard board = deck.createBoard(input.title(), input.color() == null ? DEFAULT_BOARD_COLOR : input.color());
        return new BoardDetails(BoardSummary.of(board), board.labelList().stream().map(LabelView::of).toList(),
                List.of());
    }

    private StackList listStacks(BoardIdInput input) {
        return new StackList(input.boardId(), deck.listStacks(input.boardId(), false).stream()
                .map(stack -> StackView.of(stack, input.boardId())).toList());
    }

    private StackView createStack(CreateStackInput input) {
        long order = input.order() != null ? input.order()
                : deck.listStacks(input.boardId(), false).stream().mapToLong(s -> DeckToolModels.orZero(s.order()))
                        .max().orElse(-1) + 1;
        return StackView.of(deck.createStack(input.boardId(), input.title(), order), input.boardId());
    }

    private StackView updateStack(UpdateStackInput input) {
        DeckStack current = deck.getStack(input.boardId(), input.stackId());
        DeckStack updated = deck.updateStack(input.boardId(), input.stackId(),
                input.title() != null ? input.title() : current.title(),
                input.order() != null ? input.order() : DeckToolModels.orZero(current.order()));
        // Deck's PUT answers the stack without its cards; they did not change.
        return StackView.of(new DeckStack(updated.id(), updated.boardId(), updated.title(), updated.order(),
                current.cards(), updated.lastModified()), input.boardId());
    }

    private Deleted deleteStack(StackInput input) {
        DeckStack stack = deck.getStack(input.boardId(), input.stackId());
        deck.deleteStack(input.boardId(), input.stackId());
        return new Deleted("stack", stack.id(), DeckToolModels.nullToEmpty(stack.title()), true);
    }

    private CardList listCards(ListCardsInput input) {
        boolean archived = Boolean.TRUE.equals(input.archived());
        List<DeckStack> stacks = deck.listStacks(input.boardId(), archived);
        if (input.stackId() != null && stacks.stream().noneMatch(s -> s.id() == input.stackId())) {
            // An archived listing leaves out stacks without archived cards; only an active listing proves absence.
            if (!archived || deck.listStacks(input.boardId(), false).stream().noneMatch(s -> s.id() == input.stackId())) {
                deck.getStack(input.boardId(), input.stackId());
            }
        }
        List<CardSummary> cards = stacks.stream()
                .filter(stack -> input.stackId() == null || stack.id() == input.stackId())
                .flatMap(stack -> stack.cardList().stream()).map(card -> CardSummary.of(card, input.boardId()))
                .toList();
        return new CardList(input.boardId(), archived, cards);
    }

    private CardDetails createCard(CreateCardInput input) {
        DeckCard card = deck.createCard(input.boardId(), input.stackId(), input.title(), input.description(),
                input.duedate(), input.order() == null ? LAST : input.order());
        return CardDetails.of(card, input.boardId());
    }

    private CardDetails updateCard(UpdateCardInput input) {
        String done = input.done() == null ? null
                : input.done() ? Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString() : "";
        CardChanges changes = new CardChanges(input.title(), input.description(), input.duedate(), done);
        return CardDetails.of(deck.updateCard(input.boardId(), input.stackId(), input.cardId(), changes,
                input.etag()), input.boardId());
    }

    private Deleted deleteCard(CardInput input) {
        DeckCard card = deck.getCard(input.boardId(), input.stackId(), input.cardId());
        deck.deleteCard(input.boardId(), input.stackId(), input.cardId());
        return new Deleted("card", card.id(), DeckToolModels.nullToEmpty(card.title()), true);
    }

    private CardDetails archive(CardInput input, boolean archived) {
        return CardDetails.of(deck.setArchived(input.boardId(), input.stackId(), input.cardId(), archived),
                input.boardId());
    }

    private CardDetails moveCard(MoveCardInput input) {
        long target = input.targetStackId() == null ? input.stackId() : input.targetStackId();
        deck.moveCard(input.boardId(), input.stackId(), input.cardId(), target,
                input.position() == null ? 0 : input.position());
        return CardDetails.of(deck.getCard(input.boardId(), target, input.cardId()), input.boardId());
    }

    private LabelList listLabels(BoardIdInput input) {
        return new LabelList(input.boardId(),
                deck.getBoard(input.boardId()).labelList().stream().map(LabelView::of).toList());
    }

    private LabelView updateLabel(UpdateLabelInput input) {
        DeckLabel current = deck.getLabel(input.boardId(), input.labelId());
        return LabelView.of(deck.updateLabel(input.boardId(), input.labelId(),
                input.title() != null ? input.title() : current.title(),
                input.color() != null ? input.color() : current.color()));
    }

    private Deleted deleteLabel(LabelInput input) {
        DeckLabel label = deck.getLabel(input.boardId(), input.labelId());
        deck.deleteLabel(input.boardId(), input.labelId());
        return new Deleted("label", label.id(), DeckToolModels.nullToEmpty(label.title()), true);
    }

    private CardDetails label(CardLabelInput input, boolean add) {
        if (add) {
            deck.assignLabel(input.boardId(), input.stackId(), input.cardId(), input.labelId());
        } else {
            deck.removeLabel(input.boardId(), input.stackId(), input.cardId(), input.labelId());
        }
        return CardDetails.of(deck.getCard(input.boardId(), input.stackId(), input.cardId()), input.boardId());
    }

    private Assignment assign(CardUserInput input, boolean add) {
        if (add) {
            deck.assignUser(input.boardId(), input.stackId(), input.cardId(), input.userId());
        } else {
            deck.unassignUser(input.boardId(), input.stackId(), input.cardId(), input.userId());
        }
        List<String> users = deck.getCard(input.boardId(), input.stackId(), input.cardId()).assignedUserIds();
        return new Assignment(input.cardId(), input.userId(), users.contains(input.userId()), users);
    }
}
