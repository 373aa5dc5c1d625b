package org.ncmcp.e2e.simulator.deck;

import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * Creates the Deck boards a contract fixture's {@code given.deck} describes and names their ids:
 * {@code {"boards":[{"title","color","shareWith":[{"user","edit","manage"}],"stacks":[{"title","cards":[{"title",
 * "description","duedate","assignedUsers":[…],"archived"}]}]}]}} gives placeholders {@code boardN.id}, {@code boardN.labelM.id} (the default labels),
 * {@code stackN.id} and {@code cardN.id}, numbered in order of appearance across all boards.
 */
public final class DeckSeed {

    private DeckSeed() {
    }

    public static void seed(DeckState deck, String owner, JsonNode given, BiConsumer<String, Object> placeholder) {
        int boards = 0;
        int stacks = 0;
        int cards = 0;
        for (JsonNode board : given.path("boards")) {
            long boardId = deck.createBoard(owner, board.path("title").asString("Board"),
                    board.path("color").asString("0082c9"));
            String name = "board" + boards++;
            placeholder.accept(name + ".id", boardId);
            int labelIndex = 0;
            for (DeckModel.Label label : deck.board(owner, boardId).labels) {
                placeholder.accept(name + ".label" + labelIndex++ + ".id", label.id);
            }
            for (JsonNode share : board.path("shareWith")) {
                deck.shareBoard(boardId, share.path("user").asString(), share.path("edit").asBoolean(false),
                        false, share.path("manage").asBoolean(false));
            }
            long order = 0;
            for (JsonNode stack : board.path("stacks")) {
                long stackId = deck.createStack(owner, boardId, stack.path("title").asString("Stack"), order++);
                placeholder.accept("stack" + stacks++ + ".id", stackId);
                long cardOrder = 0;
                for (JsonNode card : stack.path("cards")) {
                    long cardId = deck.createCard(owner, stackId, card.path("title").asString("Card"), "plain",
                            cardOrder++, card.path("description").isString() ? card.path("description").asString() : null,
                            card.path("duedate").isString() ? card.path("duedate").asString() : null);
                    placeholder.accept("card" + cards++ + ".id", cardId);
                    for (JsonNode user : card.path("assignedUsers")) {
                        deck.assignUser(owner, cardId, user.asString());
                    }
                    if (card.path("archived").asBoolean(false)) {
                        deck.setArchived(owner, cardId, true);
                    }
                }
            }
        }
    }
}
