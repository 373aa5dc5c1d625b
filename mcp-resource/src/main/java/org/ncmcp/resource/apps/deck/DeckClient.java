package org.ncmcp.resource.apps.deck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ncmcp.resource.apps.deck.DeckModels.CardChanges;
import org.ncmcp.resource.apps.deck.DeckModels.DeckAssignment;
import org.ncmcp.resource.apps.deck.DeckModels.DeckBoard;
import org.ncmcp.resource.apps.deck.DeckModels.DeckCard;
import org.ncmcp.resource.apps.deck.DeckModels.DeckLabel;
import org.ncmcp.resource.apps.deck.DeckModels.DeckStack;
import org.ncmcp.resource.nextcloud.NextcloudBadRequestException;
import org.ncmcp.resource.nextcloud.NextcloudConflictException;
import org.ncmcp.resource.nextcloud.NextcloudForbiddenException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProtocolException;
import org.ncmcp.resource.nextcloud.NextcloudRequest;
import org.ncmcp.resource.nextcloud.NextcloudResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Client of the Deck REST API v1.0 ({@code /index.php/apps/deck/api/v1.0}, nextcloud-api.md §1.3), with its
 * quirks: a missing board, stack, card or label is a 403 "Permission denied" (Deck does not reveal existence), so
 * errors name the entity and say it is missing <em>or</em> not accessible; and a card PUT replaces the whole card,
 * so {@link #updateCard} re-sends every field it does not change from a fresh read.
 */
public class DeckClient {

    static final String BASE = "/index.php/apps/deck/api/v1.0";
    private static final TypeReference<List<DeckBoard>> BOARDS = new TypeReference<>() { };
    private static final TypeReference<List<DeckStack>> STACKS = new TypeReference<>() { };
    /** Card fields a PUT must repeat to keep them (Deck resets whatever is missing). */
    private static final List<String> KEPT_CARD_FIELDS = List.of("title", "type", "description", "order", "duedate",
            "startdate", "archived", "done", "color");

    private final NextcloudHttpClient http;
    private final JsonMapper json;

    public DeckClient(NextcloudHttpClient http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    // --- boards ----------------------------------------------------------------------------------

    public List<DeckBoard> listBoards() {
        return parse(http.send(get("/boards?details=true")), BOARDS, "a list of boards");
    }

    public DeckBoard getBoard(long boardId) {
        return guarded(board(boardId), "read", () -> parse(http.send(get(boardPath(boardId))), DeckBoard.class));
    }

    public DeckBoard createBoard(String title, String color) {
        return parse(http.send(write("POST", "/boards", Map.of("title", title, "color", color))), DeckBoard.class);
    }

    // --- stacks ----------------------------------------------------------------------------------

    /** The board's stacks with their cards; with {@code archived}, the stacks listing only archived cards. */
    public List<DeckStack> listStacks(long boardId, boolean archived) {
        String path = boardPath(boardId) + "/stacks" + (archived ? "/archived" : "");
        return guarded(board(boardId), "read", () -> parse(http.send(get(path)), STACKS, "a list of stacks"));
    }

    public DeckStack getStack(long boardId, long stackId) {
        return guarded(stack(boardId, stackId), "read",
                () -> parse(http.send(get(stackPath(boardId, stackId))), DeckStack.class));
    }

    public DeckStack createStack(long boardId, String title, long order) {
        return guarded(board(boardId), "add stacks to", () -> parse(http.send(write("POST",
                boardPath(boardId) + "/stacks", Map.of("title", title, "order", order))), DeckStack.class));
    }

    public DeckStack updateStack(long boardId, long stackId, String title, long order) {
        return guarded(stack(boardId, stackId), "change", () -> parse(http.send(write("PUT",
                stackPath(boardId, stackId), Map.of("title", title, "order", order))), DeckStack.class));
    }

    public void deleteStack(long boardId, long stackId) {
        guarded(stack(boardId, stackId), "delete", () -> http.send(delete(stackPath(boardId, stackId))));
    }

    // --- cards -----------------------------------------------------------------------------------

    public DeckCard getCard(long boardId, long stackId, long cardId) {
        return parse(cardNode(boardId, stackId, cardId), DeckCard.class);
    }

    public DeckCard createCard(long boardId, long stackId, String title, String description, String duedate,
            Long order) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("type", "plain");
        body.put("order", order == null ? 999 : order);
        if (description != null) {
            body.put("description", description);
        }
        if (duedate != null && !duedate.isEmpty()) {
            body.put("duedate", duedate);
        }
        return guarded(stack(boardId, stackId), "add cards to", () -> parse(http.send(write("POST",
                stackPath(boardId, stackId) + "/cards", body)), DeckCard.class));
    }

    /**
     * Changes the given fields of a card and keeps the rest: Deck's PUT replaces the whole card (fields left out
     * are reset), so the card is read first and every field not being changed is sent back as it was. With
     * {@code expectedEtag}, nothing is written if the card changed since the caller read it; Deck's PUT takes no
     * {@code If-Match}, so the check is against the fresh read (a change in the moment between the two is not seen).
     *
     * @throws NextcloudConflictException when the card's etag is no longer {@code expectedEtag}
     */
    public DeckCard updateCard(long boardId, long stackId, long cardId, CardChanges changes, String expectedEtag) {
        JsonNode current = cardNode(boardId, stackId, cardId);
        String currentEtag = current.path("ETag").asString(null);
        if (expectedEtag != null && currentEtag != null && !currentEtag.equals(expectedEtag)) {
            throw new NextcloudConflictException(409, "Conflict: Deck card " + cardId + " was changed since you read"
                    + " it (you sent etag " + expectedEtag + ", the current etag is " + currentEtag + "). Nothing was"
                    + " written. Read it again with nc_deck_get_card and repeat your change with the new etag.",
                    new byte[0], currentEtag);
        }
        ObjectNode body = json.createObjectNode();
        for (String field : KEPT_CARD_FIELDS) {
            if (current.has(field)) {
                body.set(field, current.get(field));
            }
        }
        body.put("owner", parse(current, DeckCard.class).ownerId());
        if (changes.title() != null) {
            body.put("title", changes.title());
        }
        if (changes.description() != null) {
            body.put("description", changes.description());
        }
        if (changes.duedate() != null) {
            putDate(body, "duedate", changes.duedate());
        }
        if (changes.done() != null) {
            putDate(body, "done", changes.done());
        }
        return guarded(card(boardId, stackId, cardId), "change", () -> parse(http.send(write("PUT",
                cardPath(boardId, stackId, cardId), body)), DeckCard.class));
    }

    public void deleteCard(long boardId, long stackId, long cardId) {
        guarded(card(boardId, stackId, cardId), "delete", () -> http.send(delete(cardPath(boardId, stackId, cardId))));
    }

    public DeckCard setArchived(long boardId, long stackId, long cardId, boolean archived) {
        String path = cardPath(boardId, stackId, cardId) + (archived ? "/archive" : "/unarchive");
        return guarded(card(boardId, stackId, cardId), archived ? "archive" : "unarchive",
                () -> parse(http.send(write("PUT", path, Map.of())), DeckCard.class));
    }

    /** Puts the card at position {@code order} (0 = top) of {@code targetStackId}, on the same board. */
    public void moveCard(long boardId, long stackId, long cardId, long targetStackId, long order) {
        guarded(card(boardId, stackId, cardId) + " (or target stack " + targetStackId + ")", "move",
                () -> http.send(write("PUT", cardPath(boardId, stackId, cardId) + "/reorder",
                        Map.of("order", order, "stackId", targetStackId))));
    }

    public void assignLabel(long boardId, long stackId, long cardId, long labelId) {
        guarded(card(boardId, stackId, cardId) + " (or label " + labelId + " of that board)", "label",
                () -> http.send(write("PUT", cardPath(boardId, stackId, cardId) + "/assignLabel",
                        Map.of("labelId", labelId))));
    }

    public void removeLabel(long boardId, long stackId, long cardId, long labelId) {
        guarded(card(boardId, stackId, cardId) + " (or label " + labelId + " of that board)", "change",
                () -> http.send(write("PUT", cardPath(boardId, stackId, cardId) + "/removeLabel",
                        Map.of("labelId", labelId))));
    }

    /**
     * Deck answers 400 both when the user is already assigned and when they are not a member of the board; the
     * card is read again to say which.
     */
    public DeckAssignment assignUser(long boardId, long stackId, long cardId, String userId) {
        try {
            return guarded(card(boardId, stackId, cardId), "assign users to", () -> parse(http.send(write("PUT",
                    cardPath(boardId, stackId, cardId) + "/assignUser", Map.of("userId", userId))),
                    DeckAssignment.class));
        } catch (NextcloudBadRequestException refused) {
            if (getCard(boardId, stackId, cardId).assignedUserIds().contains(userId)) {
                throw new NextcloudConflictException(409, "User '" + userId + "' is already assigned to Deck card "
                        + cardId + "; nothing changed.", new byte[0], null);
            }
            throw new NextcloudBadRequestException(400, "Deck refused to assign '" + userId + "' to card " + cardId
                    + ": only members of the board (its owner and the people it is shared with) can be assigned."
                    + " Check the user id with nc_deck_get_board.");
        }
    }

    public void unassignUser(long boardId, long stackId, long cardId, String userId) {
        try {
            guarded(card(boardId, stackId, cardId), "change", () -> http.send(write("PUT",
                    cardPath(boardId, stackId, cardId) + "/unassignUser", Map.of("userId", userId))));
        } catch (NextcloudNotFoundException notAssigned) {
            throw new NextcloudNotFoundException(404, "User '" + userId + "' is not assigned to Deck card " + cardId
                    + "; nothing changed.");
        }
    }

    // --- labels ----------------------------------------------------------------------------------

    public DeckLabel getLabel(long boardId, long labelId) {
        return guarded(label(boardId, labelId), "read",
                () -> parse(http.send(get(labelPath(boardId, labelId))), DeckLabel.class));
    }

    public DeckLabel createLabel(long boardId, String title, String color) {
        return guarded(board(boardId), "manage labels of", () -> parse(http.send(write("POST",
                boardPath(boardId) + "/labels", Map.of("title", title, "color", color))), DeckLabel.class));
    }

    public DeckLabel updateLabel(long boardId, long labelId, String title, String color) {
        return guarded(label(boardId, labelId), "change", () -> parse(http.send(write("PUT",
                labelPath(boardId, labelId), Map.of("title", title, "color", color))), DeckLabel.class));
    }

    public void deleteLabel(long boardId, long labelId) {
        guarded(label(boardId, labelId), "delete", () -> http.send(delete(labelPath(boardId, labelId))));
    }

    // --- plumbing --------------------------------------------------------------------------------

    private JsonNode cardNode(long boardId, long stackId, long cardId) {
        return guarded(card(boardId, stackId, cardId), "read", () -> {
            NextcloudResponse response = http.send(get(cardPath(boardId, stackId, cardId)));
            try {
                JsonNode node = json.readTree(response.body());
                if (node == null || !node.isObject()) {
                    throw new NextcloudProtocolException(response.status(), "Deck answered with something that is"
                            + " not a card. Is the Deck app enabled?", null);
                }
                return node;
            } catch (JacksonException unreadable) {
                throw unreadable(response, "a card", unreadable);
            }
        });
    }

    /** Deck's 403 means "missing or not yours" (it hides which); the message names the entity and says both. */
    private static <T> T guarded(String what, String verb, Supplier<T> call) {
        try {
            return call.get();
        } catch (NextcloudForbiddenException hidden) {
            throw new NextcloudForbiddenException(403, "Deck " + what + " does not exist, or you may not " + verb
                    + " it (Deck answers \"Permission denied\" for both). Check the ids with nc_deck_list_boards,"
                    + " nc_deck_list_stacks and nc_deck_list_cards; changing a shared board needs edit permission,"
                    + " its labels manage permission.");
        }
    }

    private void putDate(ObjectNode body, String field, String value) {
        if (value.isEmpty()) {
            body.putNull(field);
        } else {
            body.put(field, value);
        }
    }

    private static NextcloudRequest get(String path) {
        return NextcloudRequest.get(BASE + path).header("OCS-APIRequest", "true");
    }

    private static NextcloudRequest delete(String path) {
        return NextcloudRequest.delete(BASE + path).header("OCS-APIRequest", "true");
    }

    private NextcloudRequest write(String method, String path, Object body) {
        return new NextcloudRequest(method, BASE + path, Map.of("OCS-APIRequest", "true"), null)
                .body("application/json", json.writeValueAsBytes(body));
    }

    private <T> T parse(NextcloudResponse response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JacksonException unreadable) {
            throw unreadable(response, "a Deck " + type.getSimpleName().replace("Deck", "").toLowerCase(), unreadable);
        }
    }

    private <T> T parse(NextcloudResponse response, TypeReference<T> type, String what) {
        try {
            return json.readValue(response.body(), type);
        } catch (JacksonException unreadable) {
            throw unreadable(response, what, unreadable);
        }
    }

    private <T> T parse(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JacksonException unreadable) {
            throw new NextcloudProtocolException(200, "Nextcloud's Deck app answered with something that is not a"
                    + " card. Is the Deck app enabled?", unreadable);
        }
    }

    private static NextcloudProtocolException unreadable(NextcloudResponse response, String what, Exception cause) {
        return new NextcloudProtocolException(response.status(), "Nextcloud's Deck app answered with something that"
                + " is not " + what + ". Is the Deck app enabled?", cause);
    }

    private static String boardPath(long boardId) {
        return "/boards/" + boardId;
    }

    private static String stackPath(long boardId, long stackId) {
        return boardPath(boardId) + "/stacks/" + stackId;
    }

    private static String cardPath(long boardId, long stackId, long cardId) {
        return stackPath(boardId, stackId) + "/cards/" + cardId;
    }

    private static String labelPath(long boardId, long labelId) {
        return boardPath(boardId) + "/labels/" + labelId;
    }

    private static String board(long boardId) {
        return "board " + boardId;
    }

    private static String stack(long boardId, long stackId) {
        return "stack " + stackId + " of board " + boardId;
    }

    private static String card(long boardId, long stackId, long cardId) {
        return "card " + cardId + " in stack " + stackId + " of board " + boardId;
    }

    private static String label(long boardId, long labelId) {
        return "label " + labelId + " of board " + boardId;
    }
}
