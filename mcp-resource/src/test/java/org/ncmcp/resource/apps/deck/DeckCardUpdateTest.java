package org.ncmcp.resource.apps.deck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.deck.DeckModels.CardChanges;
import org.ncmcp.resource.credentials.SingleUserCredentialSource;
import org.ncmcp.resource.nextcloud.NextcloudConflictException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deck's card PUT replaces the whole card, so {@link DeckClient#updateCard} must send back every field it does
 * not change, as the fresh read had it, including fields newer Deck versions add ({@code startdate},
 * {@code color}) and the owner, which newer Deck answers as a user object but expects back as a user id.
 */
class DeckCardUpdateTest {

    /** A card as a newer Deck answers it: owner as an object, start date and colour present. */
    private static final String CARD = """
            {"id":42,"stackId":7,"title":"Order tiles","type":"plain","description":"keep me","order":4,
             "owner":{"primaryKey":"alice","uid":"alice","displayname":"Alice"},"duedate":"2026-12-24T16:00:00+00:00",
             "startdate":"2026-12-01T08:00:00+00:00","color":"ff0000","archived":false,"done":null,
             "labels":[{"id":1,"title":"Finished","color":"31CC7C"}],"assignedUsers":[],"lastModified":1,"createdAt":1,"ETag":"e1"}""";

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<JsonNode> puts = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private DeckClient deck;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestMethod().equals("PUT")) {
                puts.add(json.readTree(request));
            }
            byte[] body = CARD.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        NextcloudProperties properties = new NextcloudProperties(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "alice", "pw", Duration.ofSeconds(2),
                Duration.ofSeconds(5), 4, new NextcloudProperties.Retry(1, Duration.ofMillis(1), Duration.ofSeconds(1)));
        deck = new DeckClient(new NextcloudHttpClient(properties, new SingleUserCredentialSource("alice", "pw"),
                wait -> { }, Clock.systemUTC()), json);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void changingTheTitleSendsEveryOtherFieldBackAsItWas() {
        deck.updateCard(3, 7, 42, new CardChanges("Order blue tiles", null, null, null), "e1");
        assertThat(puts).hasSize(1);
        JsonNode body = puts.get(0);
        assertThat(body.path("title").asString()).isEqualTo("Order blue tiles");
        assertThat(body.path("owner").asString()).isEqualTo("alice");
        assertThat(body.path("type").asString()).isEqualTo("plain");
        assertThat(body.path("description").asString()).isEqualTo("keep me");
        assertThat(body.path("order").asLong()).isEqualTo(4);
        assertThat(body.path("duedate").asString()).isEqualTo("2026-12-24T16:00:00+00:00");
        assertThat(body.path("startdate").asString()).isEqualTo("2026-12-01T08:00:00+00:00");
        assertThat(body.path("color").asString()).isEqualTo("ff0000");
        assertThat(body.path("archived").asBoolean()).isFalse();
        assertThat(body.has("done")).isTrue();
        // Read-only parts of the card are not echoed back.
        assertThat(body.has("labels")).isFalse();
        assertThat(body.has("id")).isFalse();
        assertThat(body.has("ETag")).isFalse();
    }

    @Test
    void aStaleEtagIsAConflictAndNothingIsWritten() {
        assertThatThrownBy(() -> deck.updateCard(3, 7, 42, new CardChanges("mine", null, null, null), "e0"))
                .isInstanceOfSatisfying(NextcloudConflictException.class,
                        conflict -> assertThat(conflict.currentEtag()).isEqualTo("e1"))
                .hasMessageContaining("was changed since you read it").hasMessageContaining("Nothing was written");
        assertThat(puts).isEmpty();
    }

    @Test
    void anEmptyDateClearsItAndAGivenDescriptionReplacesTheOld() {
        deck.updateCard(3, 7, 42, new CardChanges(null, "new text", "", "2026-12-02T10:00:00Z"), null);
        JsonNode body = puts.get(0);
        assertThat(body.path("title").asString()).isEqualTo("Order tiles");
        assertThat(body.path("description").asString()).isEqualTo("new text");
        assertThat(body.path("duedate").isNull()).isTrue();
        assertThat(body.path("done").asString()).isEqualTo("2026-12-02T10:00:00Z");
    }
}
