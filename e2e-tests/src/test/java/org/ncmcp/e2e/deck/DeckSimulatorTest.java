package org.ncmcp.e2e.deck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Simulator Deck rules that a single contract fixture cannot show: what a card PUT resets, ETags that change with
 * the card and propagate to the board, 304 for a matching If-None-Match, and board permissions between users.
 */
class DeckSimulatorTest {

    private static final String API = "/index.php/apps/deck/api/v1.0";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NextcloudSimulator nextcloud;
    private String alice;
    private String bob;
    private long board;
    private long stack;
    private long card;

    @BeforeEach
    void start() {
        nextcloud = NextcloudSimulator.start(SimulatorOptions.defaults());
        nextcloud.state().addUser("alice", "alice", "Alice", "alice-login");
        nextcloud.state().addUser("bob", "bob", "Bob", "bob-login");
        alice = basic("alice", nextcloud.state().issueAppPassword("alice"));
        bob = basic("bob", nextcloud.state().issueAppPassword("bob"));
        board = nextcloud.deck().createBoard("alice", "Project", "ff0000");
        stack = nextcloud.deck().createStack("alice", board, "To do", 0);
        card = nextcloud.deck().createCard("alice", stack, "Spec", "plain", 3, "long text",
                "2026-01-02T03:04:05+00:00");
    }

    @AfterEach
    void stop() {
        nextcloud.close();
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String auth, String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nextcloud.baseUri() + API + path))
                .header("Authorization", auth).header("OCS-APIRequest", "true").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String cardPath() {
        return "/boards/" + board + "/stacks/" + stack + "/cards/" + card;
    }

    @Test
    void aCardPutResetsWhatItLeavesOut() throws Exception {
        HttpResponse<String> put = send(alice, "PUT", cardPath(), "{\"title\":\"Spec v2\",\"type\":\"plain\",\"owner\":\"alice\"}");
        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode replaced = JSON.readTree(put.body());
        assertThat(replaced.path("title").asString()).isEqualTo("Spec v2");
        assertThat(replaced.path("description").asString()).isEmpty();
        assertThat(replaced.path("duedate").isNull()).isTrue();
        assertThat(replaced.path("order").asLong()).isZero();
    }

    @Test
    void cardEtagChangesWithTheCardPropagatesToTheBoardAndAnswers304WhenUnchanged() throws Exception {
        HttpResponse<String> first = send(alice, "GET", cardPath(), null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String boardEtag = JSON.readTree(send(alice, "GET", "/boards/" + board, null).body()).path("ETag").asString();
        assertThat(send(alice, "GET", cardPath(), null, "If-None-Match", etag).statusCode()).isEqualTo(304);

        assertThat(send(alice, "PUT", cardPath() + "/archive", null).statusCode()).isEqualTo(200);
        HttpResponse<String> after = send(alice, "GET", cardPath(), null, "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(JSON.readTree(send(alice, "GET", "/boards/" + board, null).body()).path("ETag").asString())
                .isNotEqualTo(boardEtag);
    }

    @Test
    void anotherUsersBoardIsInvisibleUntilSharedAndReadOnlyUntilEditIsGranted() throws Exception {
        assertThat(send(bob, "GET", "/boards", null).body()).isEqualTo("[]");
        HttpResponse<String> hidden = send(bob, "GET", cardPath(), null);
        assertThat(hidden.statusCode()).isEqualTo(403);
        assertThat(hidden.body()).isEqualTo("{\"status\":403,\"message\":\"Permission denied\"}");

        nextcloud.deck().shareBoard(board, "bob", false, false, false);
        assertThat(send(bob, "GET", cardPath(), null).statusCode()).isEqualTo(200);
        JsonNode permissions = JSON.readTree(send(bob, "GET", "/boards/" + board, null).body()).path("permissions");
        assertThat(permissions.path("PERMISSION_EDIT").asBoolean()).isFalse();
        assertThat(send(bob, "PUT", cardPath() + "/archive", null).statusCode()).isEqualTo(403);
        assertThat(send(bob, "POST", "/boards/" + board + "/stacks/" + stack + "/cards", "{\"title\":\"x\"}").statusCode())
                .isEqualTo(403);

        nextcloud.deck().shareBoard(board, "bob", true, false, false);
        assertThat(send(bob, "PUT", cardPath() + "/archive", null).statusCode()).isEqualTo(200);
        // Labels need manage permission, which edit does not include.
        assertThat(send(bob, "POST", "/boards/" + board + "/labels", "{\"title\":\"x\",\"color\":\"000000\"}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aRevokedAppPasswordIsRefusedByDeckToo() throws Exception {
        String password = nextcloud.state().issueAppPassword("alice");
        assertThat(send(basic("alice", password), "GET", "/boards", null).statusCode()).isEqualTo(200);
        nextcloud.state().revokeAppPassword(password);
        assertThat(send(basic("alice", password), "GET", "/boards", null).statusCode()).isEqualTo(401);
    }
}
