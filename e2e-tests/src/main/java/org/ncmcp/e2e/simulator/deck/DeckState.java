package org.ncmcp.e2e.simulator.deck;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ncmcp.e2e.simulator.deck.DeckModel.Board;
import org.ncmcp.e2e.simulator.deck.DeckModel.Card;
import org.ncmcp.e2e.simulator.deck.DeckModel.Grant;
import org.ncmcp.e2e.simulator.deck.DeckModel.Label;
import org.ncmcp.e2e.simulator.deck.DeckModel.Stack;

/**
 * The Deck app's data: boards owned by users and shared through their ACL, with stacks, cards and labels.
 * Every check Deck makes is here (who may read, edit or manage a board; field validation with Deck's messages,
 * {@code lib/Validators/*.php}); {@link DeckApi} only translates HTTP. One lock guards everything: Deck's
 * operations touch several entities at once (a reorder renumbers a whole stack).
 */
public final class DeckState {

    /** The labels every new board gets (nextcloud/deck {@code BoardService::createDefaultLabels}). */
    static final List<String[]> DEFAULT_LABELS = List.of(new String[] {"Finished", "31CC7C"},
            new String[] {"To review", "317CCC"}, new String[] {"Action needed", "FF7A66"},
            new String[] {"Later", "F1DB50"});

    private final Clock clock;
    private final Map<Long, Board> boards = new LinkedHashMap<>();
    private final Map<Long, Stack> stacks = new LinkedHashMap<>();
    private final Map<Long, Card> cards = new LinkedHashMap<>();
    private final Map<Long, Label> labels = new LinkedHashMap<>();
    private long nextBoardId = 1;
    private long nextStackId = 1;
    private long nextCardId = 1;
    private long nextLabelId = 1;

    public DeckState(Clock clock) {
        this.clock = clock;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    // --- boards ----------------------------------------------------------------------------------

    synchronized List<Board> boardsOf(String userId, long modifiedSince) {
        return boards.values().stream().filter(b -> b.deletedAt == 0 && b.readableBy(userId))
                .filter(b -> b.lastModified > modifiedSince).toList();
    }

    synchronized Board board(String userId, long boardId) {
        Board board = boards.get(boardId);
        if (board == null || board.deletedAt != 0 || !board.readableBy(userId)) {
            throw DeckException.permissionDenied();
        }
        return board;
    }

    /** Creates a board for {@code owner}, with Deck's four default labels; ids are returned for test set-up. */
    public synchronized long createBoard(String owner, String title, String color) {
        requireText("title", title, 100);
        requireText("color", color, 6);
        Board board = new Board(nextBoardId++, owner, title, color, now());
        boards.put(board.id, board);
        for (String[] label : DEFAULT_LABELS) {
            Label created = new Label(nextLabelId++, board.id, label[0], label[1], now());
            labels.put(created.id, created);
            board.labels.add(created);
        }
        return board.id;
    }

    /** Shares a board with another user (Deck's ACL, {@code POST /boards/{id}/acl}); read access always. */
    public synchronized void shareBoard(long boardId, String userId, boolean edit, boolean share, boolean manage) {
        Board board = boards.get(boardId);
        board.acl.put(userId, new Grant(edit, share, manage));
        touch(board);
    }

    // --- stacks ----------------------------------------------------------------------------------

    synchronized List<Stack> stacksOf(String userId, long boardId) {
        board(userId, boardId);
        return stacks.values().stream().filter(s -> s.boardId == boardId && s.deletedAt == 0)
                .sorted(Comparator.comparingLong((Stack s) -> s.order).thenComparingLong(s -> s.id)).toList();
    }

    synchronized Stack stack(String userId, long stackId) {
        Stack stack = stacks.get(stackId);
        if (stack == null || stack.deletedAt != 0) {
            throw DeckException.permissionDenied();
        }
        board(userId, stack.boardId);
        return stack;
    }

    public synchronized long createStack(String userId, long boardId, String title, long order) {
        Board board = editable(userId, boardId);
        requireText("title", title, 100);
        Stack stack = new Stack(nextStackId++, boardId, title, order, now());
        stacks.put(stack.id, stack);
        touch(board);
        return stack.id;
    }

    synchronized Stack updateStack(String userId, long stackId, String title, long order) {
        Stack stack = stack(userId, stackId);
        Board board = editable(userId, stack.boardId);
        requireText("title", title, 100);
        stack.title = title;
        stack.order = order;
        touch(stack, board);
        return stack;
    }

    synchronized Stack deleteStack(String userId, long stackId) {
        Stack stack = stack(userId, stackId);
        Board board = editable(userId, stack.boardId);
        stack.deletedAt = now();
        touch(stack, board);
        return stack;
    }

    // --- cards -----------------------------------------------------------------------------------

    /** The cards of a stack that are (or are not) archived, in Deck's order. */
    synchronized List<Card> cardsOf(long stackId, boolean archived) {
        return cards.values().stream().filter(c -> c.stackId == stackId && c.deletedAt == 0 && c.archived == archived)
                .sorted(Comparator.comparingLong((Card c) -> c.order).thenComparingLong(c -> c.id)).toList();
    }

    synchronized Card card(String userId, long cardId) {
        Card card = cards.get(cardId);
        if (card == null || card.deletedAt != 0) {
            throw DeckException.permissionDenied();
        }
        stack(userId, card.stackId);
        return card;
    }

    public synchronized long createCard(String userId, long stackId, String title, String type, long order,
            String description, String duedate) {
        Stack stack = stack(userId, stackId);
        Board board = editable(userId, stack.boardId);
        requireText("title", title, 255);
        requireText("type", type, 64);
        Card card = new Card(nextCardId++, stackId, userId, title, now());
        card.type = type;
        card.order = order;
        card.description = description;
        card.duedate = duedate;
        cards.put(card.id, card);
        touch(stack, board);
        return card.id;
    }

    /** Deck's PUT replaces the whole card: what the caller leaves out is reset, not kept (nextcloud-api.md §1.3). */
    synchronized Card replaceCard(String userId, long cardId, CardReplacement replacement) {
        Card card = card(userId, cardId);
        Board board = editable(userId, boardOf(card));
        requireText("title", replacement.title(), 255);
        requireText("type", replacement.type(), 64);
        requireText("owner", replacement.owner(), 64);
        card.title = replacement.title();
        card.type = replacement.type();
        card.description = replacement.description();
        card.order = replacement.order();
        card.duedate = replacement.duedate();
        card.done = replacement.done();
        if (replacement.archived() != null) {
            card.archived = replacement.archived();
        }
        touch(card, board);
        return card;
    }

    /** The fields of a card PUT, already defaulted as Deck's {@code CardApiController::update} defaults them. */
    record CardReplacement(String title, String type, String owner, String description, long order, String duedate,
            Boolean archived, String done) {
    }

    synchronized Card deleteCard(String userId, long cardId) {
        Card card = card(userId, cardId);
        Board board = editable(userId, boardOf(card));
        card.deletedAt = now();
        touch(card, board);
        return card;
    }

    synchronized Card setArchived(String userId, long cardId, boolean archived) {
        Card card = card(userId, cardId);
        Board board = editable(userId, boardOf(card));
        card.archived = archived;
        touch(card, board);
        return card;
    }

    /**
     * Moves a card to position {@code order} of {@code stackId} (possibly another stack of the same board) and
     * renumbers that stack 0, 1, 2 …, as Deck's {@code CardService::reorder} does; answers the stack's cards.
     */
    synchronized List<Card> reorder(String userId, long cardId, long stackId, long order) {
        Card card = card(userId, cardId);
        Board board = editable(userId, boardOf(card));
        Stack target = stack(userId, stackId);
        if (target.boardId != board.id) {
            throw DeckException.permissionDenied();
        }
        List<Card> others = new ArrayList<>(cardsOf(stackId, false));
        others.remove(card);
        int position = (int) Math.max(0, Math.min(order, others.size()));
        others.add(position, card);
        Stack source = stacks.get(card.stackId);
        source.version++;
        card.stackId = stackId;
        for (int i = 0; i < others.size(); i++) {
            others.get(i).order = i;
        }
        touch(card, board);
        stacks.get(stackId).version++;
        return others;
    }

    synchronized Card assignLabel(String userId, long cardId, long labelId) {
        Card card = card(userId, cardId);
        Board board = editable(userId, boardOf(card));
        Label label = labels.get(labelId);
        if (label == null || label.boardId != board.id) {
            throw DeckException.permissionDenied();
        }
        card.labelIds.add(labelId);
        touch(card, board);
        return card;
    }

    synchronized Card removeLabel(String userId, long cardId, long labelId) {
        Card card = card(userId, cardId);
        Board board = editable(userId, boardOf(card));
        if (!labels.containsKey(labelId) || labels.get(labelId).boardId != board.id) {
            throw DeckException.permissionDenied();
        }
        card.labelIds.remove(labelId);
        touch(card, board);
        return card;
    }

    /** Deck's {@code AssignmentService::assignUser}: only board members, and only once. */
    synchronized Card assignUser(String userId, long cardId, String assignee) {
        Card card = card(userId, cardId);
        Board board = editable(userId, boardOf(card));
        if (card.assignedUsers.contains(assignee)) {
            throw DeckException.badRequest("The user is already assigned to the card");
        }
        if (!board.members().contains(assignee)) {
            throw DeckException.badRequest("The user is not part of the board");
        }
        card.assignedUsers.add(assignee);
        touch(card, board);
        return card;
    }

    synchronized Card unassignUser(String userId, long cardId, String assignee) {
        Card card = card(userId, cardId);
        Board board = editable(userId, boardOf(card));
        if (!card.assignedUsers.remove(assignee)) {
            throw DeckException.notFound("No assignment for " + assignee + " found.");
        }
        touch(card, board);
        return card;
    }

    // --- labels ----------------------------------------------------------------------------------

    synchronized Label label(String userId, long labelId) {
        Label label = labels.get(labelId);
        if (label == null) {
            throw DeckException.permissionDenied();
        }
        board(userId, label.boardId);
        return label;
    }

    synchronized Label createLabel(String userId, long boardId, String title, String color) {
        Board board = manageable(userId, boardId);
        requireText("title", title, 100);
        requireText("color", color, 6);
        Label label = new Label(nextLabelId++, boardId, title, color, now());
        labels.put(label.id, label);
        board.labels.add(label);
        touch(board);
        return label;
    }

    synchronized Label updateLabel(String userId, long labelId, String title, String color) {
        Label label = label(userId, labelId);
        Board board = manageable(userId, label.boardId);
        requireText("title", title, 100);
        requireText("color", color, 6);
        label.title = title;
        label.color = color;
        label.lastModified = now();
        touch(board);
        return label;
    }

    synchronized Label deleteLabel(String userId, long labelId) {
        Label label = label(userId, labelId);
        Board board = manageable(userId, label.boardId);
        labels.remove(labelId);
        board.labels.remove(label);
        cards.values().forEach(card -> card.labelIds.remove(labelId));
        touch(board);
        return label;
    }

    synchronized List<Label> labelsOf(Card card) {
        return card.labelIds.stream().map(labels::get).filter(java.util.Objects::nonNull).toList();
    }

    synchronized long boardOf(Card card) {
        return stacks.get(card.stackId).boardId;
    }

    // --- rules -----------------------------------------------------------------------------------

    private Board editable(String userId, long boardId) {
        return permitted(userId, boardId, board -> board.editableBy(userId));
    }

    private Board manageable(String userId, long boardId) {
        return permitted(userId, boardId, board -> board.manageableBy(userId));
    }

    private Board permitted(String userId, long boardId, Predicate<Board> rule) {
        Board board = board(userId, boardId);
        if (!rule.test(board)) {
            // Deck's PermissionService throws NoPermissionException: the same 403 as for a missing entity.
            throw DeckException.permissionDenied();
        }
        return board;
    }

    /** Deck's {@code BaseValidator}: {@code not_empty, not_null, not_false, max:n}. */
    private static void requireText(String field, String value, int max) {
        if (value == null || value.isEmpty() || value.equals("0")) {
            throw DeckException.badRequest(field + " must be provided");
        }
        if (value.length() > max) {
            throw DeckException.badRequest(field + " cannot be longer than " + max + " characters");
        }
    }

    private void touch(Board board) {
        board.lastModified = now();
        board.version++;
    }

    private void touch(Stack stack, Board board) {
        stack.lastModified = now();
        stack.version++;
        touch(board);
    }

    private void touch(Card card, Board board) {
        card.lastModified = now();
        card.version++;
        Stack stack = stacks.get(card.stackId);
        touch(stack, board);
    }
}
