package org.ncmcp.e2e.simulator.deck;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ncmcp.e2e.simulator.deck.DeckModel.Board;
import org.ncmcp.e2e.simulator.deck.DeckModel.Card;
import org.ncmcp.e2e.simulator.deck.DeckModel.Label;
import org.ncmcp.e2e.simulator.deck.DeckModel.Stack;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import org.ncmcp.e2e.simulator.state.SimulatorUser;

/**
 * The JSON shapes of Deck's entities (nextcloud/deck {@code docs/API.md}; nextcloud-api.md §1.3): boards with
 * {@code owner} as a user object and the caller's {@code permissions}, stacks with their cards, cards with
 * {@code owner} as a plain user id and ISO-8601 dates, and an {@code ETag} field on each.
 */
final class DeckViews {

    private final SimulatorState users;
    private final DeckState deck;

    DeckViews(SimulatorState users, DeckState deck) {
        this.users = users;
        this.deck = deck;
    }

    Map<String, Object> board(Board board, String caller) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", board.title);
        view.put("owner", user(board.owner));
        view.put("color", board.color);
        view.put("archived", board.archived);
        view.put("labels", board.labels.stream().map(label -> label(label, null)).toList());
        view.put("acl", board.acl.entrySet().stream().map(entry -> {
            Map<String, Object> acl = new LinkedHashMap<>();
            acl.put("participant", user(entry.getKey()));
            acl.put("type", 0);
            acl.put("boardId", board.id);
            acl.put("permissionEdit", entry.getValue().edit());
            acl.put("permissionShare", entry.getValue().share());
            acl.put("permissionManage", entry.getValue().manage());
            acl.put("owner", false);
            return acl;
        }).toList());
        Map<String, Object> permissions = new LinkedHashMap<>();
        permissions.put("PERMISSION_READ", true);
        permissions.put("PERMISSION_EDIT", board.editableBy(caller));
        permissions.put("PERMISSION_MANAGE", board.manageableBy(caller));
        permissions.put("PERMISSION_SHARE", board.shareableBy(caller));
        view.put("permissions", permissions);
        view.put("users", board.members().stream().map(this::user).toList());
        view.put("shared", board.owner.equals(caller) ? 0 : 1);
        view.put("deletedAt", board.deletedAt);
        view.put("id", board.id);
        view.put("lastModified", board.lastModified);
        view.put("settings", Map.of("notify-due", "off", "calendar", true));
        view.put("ETag", etag("board", board.id, board.version));
        return view;
    }

    Map<String, Object> stack(Stack stack, boolean withCards, boolean archivedCards) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", stack.title);
        view.put("boardId", stack.boardId);
        view.put("deletedAt", stack.deletedAt);
        view.put("lastModified", stack.lastModified);
        if (withCards) {
            view.put("cards", deck.cardsOf(stack.id, archivedCards).stream().map(this::card).toList());
        }
        view.put("order", stack.order);
        view.put("id", stack.id);
        view.put("ETag", etag("stack", stack.id, stack.version));
        return view;
    }

    Map<String, Object> card(Card card) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", card.title);
        view.put("description", card.description);
        view.put("stackId", card.stackId);
        view.put("type", card.type);
        view.put("lastModified", card.lastModified);
        view.put("createdAt", card.createdAt);
        view.put("labels", deck.labelsOf(card).stream().map(label -> label(label, card.id)).toList());
        view.put("assignedUsers", card.assignedUsers.stream().map(uid -> assignment(card, uid)).toList());
        view.put("attachments", null);
        view.put("attachmentCount", null);
        view.put("owner", card.owner);
        view.put("order", card.order);
        view.put("archived", card.archived);
        view.put("done", card.done);
        view.put("duedate", card.duedate);
        view.put("deletedAt", card.deletedAt);
        view.put("commentsUnread", 0);
        view.put("id", card.id);
        view.put("overdue", overdue(card));
        view.put("ETag", etag(card));
        return view;
    }

    Map<String, Object> label(Label label, Long cardId) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", label.title);
        view.put("color", label.color);
        view.put("boardId", label.boardId);
        view.put("cardId", cardId);
        view.put("lastModified", label.lastModified);
        view.put("id", label.id);
        view.put("ETag", etag("label", label.id, label.lastModified));
        return view;
    }

    /** What {@code assignUser} answers and {@code assignedUsers} lists (nextcloud-api.md §1.3). */
    Map<String, Object> assignment(Card card, String uid) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", card.id * 1000 + card.assignedUsers.indexOf(uid));
        view.put("participant", user(uid));
        view.put("cardId", card.id);
        view.put("type", 0);
        return view;
    }

    Map<String, Object> user(String uid) {
        String display = users.user(uid).map(SimulatorUser::displayName).orElse(uid);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("primaryKey", uid);
        view.put("uid", uid);
        view.put("displayname", display);
        view.put("type", 0);
        return view;
    }

    static String etag(Card card) {
        return etag("card", card.id, card.version);
    }

    /** Deck's overdue levels: 0 none, 1 due within a day, 2 due now, 3 past due. Simplified to 0 or 3. */
    private int overdue(Card card) {
        if (card.duedate == null || card.done != null) {
            return 0;
        }
        try {
            return Instant.parse(card.duedate.replace("+00:00", "Z")).isBefore(users.clock().instant()) ? 3 : 0;
        } catch (RuntimeException unparsable) {
            return 0;
        }
    }

    private static String etag(String kind, long id, long version) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((kind + ":" + id + ":" + version).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
