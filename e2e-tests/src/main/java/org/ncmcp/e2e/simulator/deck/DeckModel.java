package org.ncmcp.e2e.simulator.deck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deck's entities as the simulator keeps them. Mutable, and only touched while holding the {@link DeckState}
 * lock. {@code version} counts changes; it feeds the {@code ETag}s, and a child's change bumps its parents
 * ("ETags of children propagate to their parents", nextcloud-api.md §1.3).
 */
final class DeckModel {

    private DeckModel() {
    }

    /** What a board's ACL entry grants besides reading (Deck's PERMISSION_EDIT, _SHARE, _MANAGE). */
    record Grant(boolean edit, boolean share, boolean manage) {
    }

    static final class Board {
        final long id;
        final String owner;
        String title;
        String color;
        boolean archived;
        long deletedAt;
        long lastModified;
        long version;
        final Map<String, Grant> acl = new LinkedHashMap<>();
        final List<Label> labels = new ArrayList<>();

        Board(long id, String owner, String title, String color, long now) {
            this.id = id;
            this.owner = owner;
            this.title = title;
            this.color = color;
            this.lastModified = now;
        }

        boolean readableBy(String userId) {
            return owner.equals(userId) || acl.containsKey(userId);
        }

        boolean editableBy(String userId) {
            return owner.equals(userId) || (acl.containsKey(userId) && acl.get(userId).edit());
        }

        boolean manageableBy(String userId) {
            return owner.equals(userId) || (acl.containsKey(userId) && acl.get(userId).manage());
        }

        boolean shareableBy(String userId) {
            return owner.equals(userId) || (acl.containsKey(userId) && acl.get(userId).share());
        }

        /** The board's members: its owner and everyone it is shared with. */
        List<String> members() {
            List<String> members = new ArrayList<>();
            members.add(owner);
            members.addAll(acl.keySet());
            return members;
        }
    }

    static final class Stack {
        final long id;
        final long boardId;
        String title;
        long order;
        long deletedAt;
        long lastModified;
        long version;

        Stack(long id, long boardId, String title, long order, long now) {
            this.id = id;
            this.boardId = boardId;
            this.title = title;
            this.order = order;
            this.lastModified = now;
        }
    }

    static final class Card {
        final long id;
        long stackId;
        final String owner;
        final long createdAt;
        String title;
        String type = "plain";
        String description;
        long order;
        boolean archived;
        String duedate;
        String done;
        long deletedAt;
        long lastModified;
        long version;
        final Set<Long> labelIds = new LinkedHashSet<>();
        final List<String> assignedUsers = new ArrayList<>();

        Card(long id, long stackId, String owner, String title, long now) {
            this.id = id;
            this.stackId = stackId;
            this.owner = owner;
            this.title = title;
            this.createdAt = now;
            this.lastModified = now;
        }
    }

    static final class Label {
        final long id;
        final long boardId;
        String title;
        String color;
        long lastModified;

        Label(long id, long boardId, String title, String color, long now) {
            this.id = id;
            this.boardId = boardId;
            this.title = title;
            this.color = color;
            this.lastModified = now;
        }
    }
}
