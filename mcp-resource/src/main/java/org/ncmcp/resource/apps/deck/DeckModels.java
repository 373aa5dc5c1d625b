package org.ncmcp.resource.apps.deck;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Deck's entities as its REST API v1.0 returns them (nextcloud-api.md §1.3). Lists Deck may send as
 * {@code null} (a card's {@code labels}, {@code assignedUsers}) are read through accessors that never return null.
 */
public final class DeckModels {

    private DeckModels() {
    }

    /** A Deck user reference: {@code {primaryKey, uid, displayname}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeckUser(String primaryKey, String uid, String displayname) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeckLabel(long id, String title, String color, Long boardId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeckAssignment(Long id, DeckUser participant, Long cardId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeckBoard(long id, String title, String color, boolean archived, DeckUser owner,
            List<DeckLabel> labels, Map<String, Boolean> permissions, Long lastModified, Long deletedAt) {

        public List<DeckLabel> labelList() {
            return labels == null ? List.of() : labels;
        }

        public boolean can(String permission) {
            return permissions != null && Boolean.TRUE.equals(permissions.get(permission));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeckStack(long id, long boardId, String title, Long order, List<DeckCard> cards, Long lastModified) {

        public List<DeckCard> cardList() {
            return cards == null ? List.of() : cards;
        }
    }

    /**
     * A card. {@code owner} is a plain user id in the documented example but a user object in newer Deck
     * versions; {@link #ownerId()} reads both.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeckCard(long id, long stackId, String title, String description, String type, JsonNode owner,
            Long order, Boolean archived, String done, String duedate, List<DeckLabel> labels,
            List<DeckAssignment> assignedUsers, Long lastModified, Long createdAt, @JsonProperty("ETag") String etag) {

        public String ownerId() {
            if (owner == null || owner.isNull() || owner.isMissingNode()) {
                return null;
            }
            return owner.isObject() ? owner.path("uid").asString(null) : owner.asString();
        }

        public List<DeckLabel> labelList() {
            return labels == null ? List.of() : labels;
        }

        public List<String> assignedUserIds() {
            return assignedUsers == null ? List.of() : assignedUsers.stream()
                    .map(a -> a.participant() == null ? null : a.participant().uid())
                    .filter(java.util.Objects::nonNull).toList();
        }
    }

    /**
     * What to change on a card; null means "keep". {@code duedate} and {@code done} take an ISO-8601 date, or
     * an empty string to clear.
     */
    public record CardChanges(String title, String description, String duedate, String done) {
    }
}
