package org.ncmcp.e2e.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.deck.DeckClient;
import org.ncmcp.resource.apps.deck.DeckModels.CardChanges;
import org.ncmcp.resource.apps.deck.DeckModels.DeckAssignment;
import org.ncmcp.resource.apps.deck.DeckModels.DeckBoard;
import org.ncmcp.resource.apps.deck.DeckModels.DeckCard;
import org.ncmcp.resource.apps.deck.DeckModels.DeckLabel;
import org.ncmcp.resource.apps.deck.DeckModels.DeckStack;
import org.ncmcp.resource.credentials.SingleUserCredentialSource;
import org.ncmcp.resource.nextcloud.NextcloudAuthenticationException;
import org.ncmcp.resource.nextcloud.NextcloudBadRequestException;
import org.ncmcp.resource.nextcloud.NextcloudConflictException;
import org.ncmcp.resource.nextcloud.NextcloudForbiddenException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our Deck client against the Deck fixtures' responses (the same files {@link SimulatorContractTest} replays
 * against the simulator). Stub ids: board 10, stacks 20 and 21, cards 30 and 31, the board's labels 40-43.
 */
class DeckClientContractTest {

    private ContractStubServer stub;

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    private DeckClient deck(String... fixtureIds) throws Exception {
        stub = new ContractStubServer(List.of(fixtureIds).stream().map(id -> ContractFixture.named("deck/" + id)).toList());
        stub.values().put("board0.id", 10L).put("stack0.id", 20L).put("stack1.id", 21L).put("card0.id", 30L)
                .put("card1.id", 31L);
        for (int i = 0; i < 4; i++) {
            stub.values().put("board0.label" + i + ".id", 40L + i);
        }
        NextcloudProperties properties = new NextcloudProperties(URI.create(stub.baseUrl()), "alice", "stub-app-password",
                Duration.ofSeconds(2), Duration.ofSeconds(5), 10, new NextcloudProperties.Retry(1, Duration.ofMillis(1),
                        Duration.ofSeconds(1)));
        NextcloudHttpClient http = new NextcloudHttpClient(properties,
                new SingleUserCredentialSource("alice", "stub-app-password"), wait -> { }, Clock.systemUTC());
        return new DeckClient(http, JsonMapper.builder().build());
    }

    @Test
    void listsBoardsWithOwnerLabelsAndPermissions() throws Exception {
        List<DeckBoard> boards = deck("boards-list").listBoards();
        assertThat(boards).singleElement().satisfies(board -> {
            assertThat(board.title()).isEqualTo("Project");
            assertThat(board.owner().uid()).isEqualTo("alice");
            assertThat(board.labelList()).extracting(DeckLabel::title)
                    .containsExactly("Finished", "To review", "Action needed", "Later");
            assertThat(board.can("PERMISSION_EDIT")).isTrue();
        });
    }

    @Test
    void createdBoardComesWithTheDefaultLabels() throws Exception {
        DeckBoard board = deck("board-create").createBoard("Garden", "31cc7c");
        assertThat(board.title()).isEqualTo("Garden");
        assertThat(board.labelList()).hasSize(4);
    }

    @Test
    void missingBoardIsForbiddenAndTheMessageSaysItMayNotExist() throws Exception {
        assertThatThrownBy(() -> deck("board-get-missing").getBoard(999999))
                .isInstanceOf(NextcloudForbiddenException.class)
                .hasMessageContaining("Deck board 999999 does not exist, or you may not read it");
    }

    @Test
    void refusedCreateIsABadRequest() throws Exception {
        assertThatThrownBy(() -> deck("board-create-without-title").createBoard("", "31cc7c"))
                .isInstanceOf(NextcloudBadRequestException.class);
    }

    @Test
    void stacksComeWithTheirCardsInOrder() throws Exception {
        List<DeckStack> stacks = deck("stacks-list").listStacks(10, false);
        assertThat(stacks).extracting(DeckStack::title).containsExactly("To do", "Done");
        assertThat(stacks.get(0).cardList()).extracting(DeckCard::title).containsExactly("Write spec", "Review");
        assertThat(deck("stacks-list-archived").listStacks(10, true).get(0).cardList())
                .singleElement().satisfies(card -> assertThat(card.archived()).isTrue());
    }

    @Test
    void stackCrud() throws Exception {
        assertThat(deck("stack-get").getStack(10, 21).title()).isEqualTo("Done");
        assertThat(deck("stack-create").createStack(10, "Doing", 1).title()).isEqualTo("Doing");
        assertThat(deck("stack-update").updateStack(10, 21, "Finished", 5).order()).isEqualTo(5L);
        DeckClient deleting = deck("stack-delete");
        assertThatCode(() -> deleting.deleteStack(10, 21)).doesNotThrowAnyException();
        assertThatThrownBy(() -> deck("stack-get-missing").getStack(10, 999999))
                .isInstanceOf(NextcloudForbiddenException.class).hasMessageContaining("stack 999999 of board 10");
    }

    @Test
    void readsACardWithItsPlainStringOwner() throws Exception {
        DeckCard card = deck("card-get").getCard(10, 20, 30);
        assertThat(card.title()).isEqualTo("Write spec");
        assertThat(card.description()).isEqualTo("first draft");
        assertThat(card.ownerId()).isEqualTo("alice");
        assertThatThrownBy(() -> deck("card-get-missing").getCard(10, 20, 999999))
                .isInstanceOf(NextcloudForbiddenException.class).hasMessageContaining("card 999999");
    }

    @Test
    void createsACardWithADueDate() throws Exception {
        DeckCard card = deck("card-create").createCard(10, 21, "Ship it", "v1", "2025-12-24T19:29:30+00:00", 999L);
        assertThat(card.duedate()).isEqualTo("2025-12-24T19:29:30+00:00");
        assertThat(card.stackId()).isEqualTo(21);
    }

    @Test
    void updateReadsTheCardThenPutsTheWholeCard() throws Exception {
        DeckCard card = deck("card-get", "card-update").updateCard(10, 20, 30,
                new CardChanges("Write spec v2", "second draft", null, null), null);
        assertThat(card.title()).isEqualTo("Write spec v2");
        assertThat(card.description()).isEqualTo("second draft");
    }

    @Test
    void archiveUnarchiveMoveAndDelete() throws Exception {
        assertThat(deck("card-archive").setArchived(10, 20, 30, true).archived()).isTrue();
        assertThat(deck("card-unarchive").setArchived(10, 20, 30, false).archived()).isFalse();
        DeckClient moving = deck("card-reorder-to-other-stack");
        assertThatCode(() -> moving.moveCard(10, 20, 30, 21, 0)).doesNotThrowAnyException();
        DeckClient deleting = deck("card-delete");
        assertThatCode(() -> deleting.deleteCard(10, 20, 30)).doesNotThrowAnyException();
    }

    @Test
    void labelsOnCardsAndOnTheBoard() throws Exception {
        DeckClient labelling = deck("card-assign-label", "card-remove-label");
        assertThatCode(() -> labelling.assignLabel(10, 20, 30, 40)).doesNotThrowAnyException();
        assertThatCode(() -> labelling.removeLabel(10, 20, 30, 40)).doesNotThrowAnyException();
        assertThat(deck("label-get").getLabel(10, 41).title()).isEqualTo("To review");
        assertThat(deck("label-create").createLabel(10, "Urgent", "e9322d").color()).isEqualTo("e9322d");
        assertThat(deck("label-update").updateLabel(10, 43, "Someday", "aaaaaa").title()).isEqualTo("Someday");
        DeckClient deleting = deck("label-delete");
        assertThatCode(() -> deleting.deleteLabel(10, 43)).doesNotThrowAnyException();
    }

    @Test
    void assigningUsers() throws Exception {
        DeckAssignment assignment = deck("card-assign-user").assignUser(10, 20, 30, "alice");
        assertThat(assignment.participant().uid()).isEqualTo("alice");
        DeckClient unassigning = deck("card-unassign-user");
        assertThatCode(() -> unassigning.unassignUser(10, 20, 30, "alice")).doesNotThrowAnyException();
    }

    @Test
    void assigningAnAssignedUserIsAConflictAfterReReadingTheCard() throws Exception {
        // The 400 does not say why; the client reads the card (card-get lists no one, so this fixture pair
        // yields the "not a member" explanation) to tell "already assigned" from "not a board member".
        assertThatThrownBy(() -> deck("card-assign-user-twice", "card-get").assignUser(10, 20, 30, "alice"))
                .isInstanceOf(NextcloudBadRequestException.class).hasMessageContaining("only members of the board");
        assertThatThrownBy(() -> deck("card-assign-user-twice", "card-get-assigned").assignUser(10, 20, 30,
                "alice")).isInstanceOf(NextcloudConflictException.class).hasMessageContaining("already assigned");
    }

    @Test
    void unassigningSomeoneNotAssignedIsNotFound() throws Exception {
        assertThatThrownBy(() -> deck("card-unassign-user-not-assigned").unassignUser(10, 20, 30, "alice"))
                .isInstanceOf(NextcloudNotFoundException.class).hasMessageContaining("'alice' is not assigned");
    }

    @Test
    void wrongOrRevokedPasswordIsACredentialsError() throws Exception {
        assertThatThrownBy(() -> deck("wrong-password").listBoards()).isInstanceOf(NextcloudAuthenticationException.class);
        assertThatThrownBy(() -> deck("revoked-app-password").listBoards())
                .isInstanceOf(NextcloudAuthenticationException.class);
    }
}
