package org.ncmcp.e2e.simulator.deck;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ncmcp.e2e.simulator.deck.DeckModel.Card;
import org.ncmcp.e2e.simulator.deck.DeckModel.Stack;
import org.ncmcp.e2e.simulator.deck.DeckState.CardReplacement;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import org.ncmcp.e2e.simulator.state.Caller;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Deck REST API v1.0 (nextcloud-api.md §1.3; nextcloud/deck {@code docs/API.md}, {@code appinfo/routes.php},
 * {@code lib/Controller/*ApiController.php}, {@code lib/Middleware/ExceptionMiddleware.php}): boards, stacks,
 * cards (with archive, reorder, label and user assignment) and labels. Quirks on purpose: creates answer 200,
 * a missing entity is a 403 "Permission denied", errors are {@code {"status","message"}}, a card PUT replaces the
 * whole card, {@code GET /boards} honours {@code If-Modified-Since}, and GETs answer 304 to a matching
 * {@code If-None-Match}. Authentication is the simulator's: a revoked app password is a 401 here too.
 */
public final class DeckApi {

    private static final String PREFIX = "(?:/index\\.php)?/apps/deck/api/v1\\.[01]";
    private static final String BOARD = PREFIX + "/boards/(\\d+)";
    private static final String STACK = BOARD + "/stacks/(\\d+)";
    private static final String CARD = STACK + "/cards/(\\d+)";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final SimulatorState state;
    private final DeckState deck;
    private final DeckViews views;
    private final JsonMapper json;

    public DeckApi(SimulatorState state, DeckState deck, JsonMapper json) {
        this.state = state;
        this.deck = deck;
        this.views = new DeckViews(state, deck);
        this.json = json;
    }

    public void register(Router router) {
        router.on("GET", PREFIX + "/boards", ex -> handle(ex, this::listBoards))
                .on("POST", PREFIX + "/boards", ex -> handle(ex, this::createBoard))
                .on("GET", BOARD, ex -> handle(ex, this::getBoard))
                .on("GET", BOARD + "/stacks", ex -> handle(ex, c -> listStacks(c, ex, false)))
                .on("GET", BOARD + "/stacks/archived", ex -> handle(ex, c -> listStacks(c, ex, true)))
                .on("POST", BOARD + "/stacks", ex -> handle(ex, this::createStack))
                .on("GET", STACK, ex -> handle(ex, this::getStack))
                .on("PUT", STACK, ex -> handle(ex, this::updateStack))
                .on("DELETE", STACK, ex -> handle(ex, this::deleteStack))
                .on("POST", STACK + "/cards", ex -> handle(ex, this::createCard))
                .on("GET", CARD, ex -> handle(ex, this::getCard))
                .on("PUT", CARD, ex -> handle(ex, this::replaceCard))
                .on("DELETE", CARD, ex -> handle(ex, c -> views.card(deck.deleteCard(c.user(), cardId(ex)))))
                .on("PUT", CARD + "/archive", ex -> handle(ex, c -> views.card(deck.setArchived(c.user(), cardId(ex), true))))
                .on("PUT", CARD + "/unarchive", ex -> handle(ex, c -> views.card(deck.setArchived(c.user(), cardId(ex), false))))
                .on("PUT", CARD + "/reorder", ex -> handle(ex, this::reorder))
                .on("PUT", CARD + "/assignLabel", ex -> handle(ex, c -> views.card(
                        deck.assignLabel(c.user(), cardId(ex), requiredLong(c.body(), "labelId")))))
                .on("PUT", CARD + "/removeLabel", ex -> handle(ex, c -> views.card(
                        deck.removeLabel(c.user(), cardId(ex), requiredLong(c.body(), "labelId")))))
                .on("PUT", CARD + "/assignUser", ex -> handle(ex, this::assignUser))
                .on("PUT", CARD + "/unassignUser", ex -> handle(ex, c -> {
                    Card card = deck.unassignUser(c.user(), cardId(ex), requiredText(c.body(), "userId"));
                    return views.card(card);
                }))
                .on("POST", BOARD + "/labels", ex -> handle(ex, c -> views.label(deck.createLabel(c.user(),
                        id(ex, 1), text(c.body(), "title"), text(c.body(), "color")), null)))
                .on("GET", BOARD + "/labels/(\\d+)", ex -> handle(ex, c -> views.label(labelOnBoard(c, ex), null)))
                .on("PUT", BOARD + "/labels/(\\d+)", ex -> handle(ex, c -> {
                    labelOnBoard(c, ex);
                    return views.label(deck.updateLabel(c.user(), id(ex, 2), text(c.body(), "title"),
                            text(c.body(), "color")), null);
                }))
                .on("DELETE", BOARD + "/labels/(\\d+)", ex -> handle(ex, c -> {
                    labelOnBoard(c, ex);
                    return views.label(deck.deleteLabel(c.user(), id(ex, 2)), null);
                }));
    }

    // --- handlers --------------------------------------------------------------------------------

    private Object listBoards(Call call) {
        long since = call.modifiedSince();
        return deck.boardsOf(call.user(), since).stream().map(board -> views.board(board, call.user())).toList();
    }

    private Object createBoard(Call call) {
        long id = deck.createBoard(call.user(), text(call.body(), "title"), text(call.body(), "color"));
        return views.board(deck.board(call.user(), id), call.user());
    }

    private Object getBoard(Call call) {
        return views.board(deck.board(call.user(), id(call.exchange(), 1)), call.user());
    }

    private Object listStacks(Call call, SimExchange exchange, boolean archived) {
        long since = call.modifiedSince();
        return deck.stacksOf(call.user(), id(exchange, 1)).stream().filter(stack -> stack.lastModified > since)
                .map(stack -> views.stack(stack, true, archived)).toList();
    }

    private Object getStack(Call call) {
        return views.stack(stackOnBoard(call), true, false);
    }

    private Object createStack(Call call) {
        long id = deck.createStack(call.user(), id(call.exchange(), 1), text(call.body(), "title"),
                call.body().path("order").asLong(999));
        return views.stack(deck.stack(call.user(), id), false, false);
    }

    private Object updateStack(Call call) {
        Stack stack = stackOnBoard(call);
        return views.stack(deck.updateStack(call.user(), stack.id, text(call.body(), "title"),
                call.body().path("order").asLong(stack.order)), false, false);
    }

    private Object deleteStack(Call call) {
        return views.stack(deck.deleteStack(call.user(), stackOnBoard(call).id), false, false);
    }

    private Object createCard(Call call) {
        JsonNode body = call.body();
        long id = deck.createCard(call.user(), id(call.exchange(), 2), text(body, "title"),
                body.path("type").asString("plain"), body.path("order").asLong(999), text(body, "description"),
                date(body, "duedate"));
        return views.card(deck.card(call.user(), id));
    }

    private Object getCard(Call call) {
        Card card = deck.card(call.user(), cardId(call.exchange()));
        call.etag(DeckViews.etag(card));
        return views.card(card);
    }

    /**
     * {@code CardApiController::update($title, $type, $owner, $description = '', $order = 0, $duedate = null,
     * $archived = null, $done = null)}: whatever the body leaves out falls back to these defaults, not to the
     * card's current values.
     */
    private Object replaceCard(Call call) {
        JsonNode body = call.body();
        JsonNode owner = body.path("owner");
        String ownerId = owner.isObject() ? owner.path("uid").asString(null) : text(body, "owner");
        CardReplacement replacement = new CardReplacement(text(body, "title"), text(body, "type"), ownerId,
                body.path("description").isString() ? body.path("description").asString() : "",
                body.path("order").asLong(0), date(body, "duedate"),
                body.path("archived").isBoolean() ? body.path("archived").asBoolean() : null, date(body, "done"));
        return views.card(deck.replaceCard(call.user(), cardId(call.exchange()), replacement));
    }

    private Object reorder(Call call) {
        JsonNode body = call.body();
        List<Card> stack = deck.reorder(call.user(), cardId(call.exchange()), requiredLong(body, "stackId"),
                requiredLong(body, "order"));
        return stack.stream().map(views::card).toList();
    }

    private Object assignUser(Call call) {
        String assignee = requiredText(call.body(), "userId");
        Card card = deck.assignUser(call.user(), cardId(call.exchange()), assignee);
        return views.assignment(card, assignee);
    }

    private Stack stackOnBoard(Call call) {
        Stack stack = deck.stack(call.user(), id(call.exchange(), 2));
        if (stack.boardId != id(call.exchange(), 1)) {
            throw DeckException.permissionDenied();
        }
        return stack;
    }

    private DeckModel.Label labelOnBoard(Call call, SimExchange exchange) {
        DeckModel.Label label = deck.label(call.user(), id(exchange, 2));
        if (label.boardId != id(exchange, 1)) {
            throw DeckException.permissionDenied();
        }
        return label;
    }

    // --- plumbing --------------------------------------------------------------------------------

    /** One authenticated request: the caller's user id, the JSON body, and response headers to set. */
    private final class Call {
        private final SimExchange exchange;
        private final Caller caller;
        private JsonNode body;
        private String etag;

        Call(SimExchange exchange, Caller caller) {
            this.exchange = exchange;
            this.caller = caller;
        }

        String user() {
            return caller.user().userId();
        }

        SimExchange exchange() {
            return exchange;
        }

        JsonNode body() {
            if (body == null) {
                try {
                    byte[] raw = exchange.body();
                    JsonNode parsed = raw.length == 0 ? null : json.readTree(raw);
                    body = parsed != null && parsed.isObject() ? parsed : json.createObjectNode();
                } catch (IOException | JacksonException malformed) {
                    throw DeckException.badRequest("Invalid JSON body");
                }
            }
            return body;
        }

        void etag(String value) {
            this.etag = value;
        }

        /** {@code If-Modified-Since} (an HTTP date) as unix seconds; 0 without one. */
        long modifiedSince() {
            String header = exchange.header("If-Modified-Since");
            if (header == null) {
                return 0;
            }
            try {
                return ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
            } catch (DateTimeParseException malformed) {
                return 0;
            }
        }
    }

    @FunctionalInterface
    private interface Action {
        Object run(Call call);
    }

    private void handle(SimExchange exchange, Action action) throws IOException {
        Optional<Caller> caller = state.authenticateHeader(exchange.header("Authorization"));
        if (caller.isEmpty()) {
            exchange.setHeader("WWW-Authenticate", "Basic realm=\"Nextcloud\"");
            exchange.sendJson(401, "{\"message\":\"Current user is not logged in\"}");
            return;
        }
        Call call = new Call(exchange, caller.get());
        Object result;
        try {
            result = action.run(call);
        } catch (DeckException failure) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", failure.status());
            body.put("message", failure.getMessage());
            exchange.sendJson(failure.status(), json.writeValueAsString(body));
            return;
        }
        String payload = json.writeValueAsString(result);
        // GETs carry an ETag (the entity's, or a hash of the listing) and answer a matching If-None-Match with 304.
        if (exchange.method().equals("GET")) {
            String etag = "\"" + (call.etag != null ? call.etag : DeckViews.md5(payload)) + "\"";
            exchange.setHeader("ETag", etag);
            if (etag.equals(exchange.header("If-None-Match"))) {
                exchange.send(304, null, null);
                return;
            }
        }
        exchange.sendJson(200, payload);
    }

    private static long id(SimExchange exchange, int group) {
        try {
            return Long.parseLong(exchange.pathGroup(group));
        } catch (NumberFormatException tooLarge) {
            throw DeckException.permissionDenied();
        }
    }

    private static long cardId(SimExchange exchange) {
        return id(exchange, 3);
    }

    /** A text field as PHP would receive it: absent or null is null, a number is its digits. */
    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static String requiredText(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null || value.isEmpty()) {
            throw DeckException.badRequest(field + " must be provided");
        }
        return value;
    }

    private static long requiredLong(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isNumber() || (value.isString() && value.asString().matches("-?\\d{1,18}"))) {
            return value.asLong();
        }
        throw DeckException.badRequest(field + " must be a number");
    }

    /** Deck stores dates and answers them as ISO-8601 with an offset, e.g. {@code 2019-12-24T19:29:30+00:00}. */
    private static String date(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC).format(ISO);
        } catch (DateTimeParseException malformed) {
            throw DeckException.badRequest(field + " must be an ISO-8601 date");
        }
    }
}
