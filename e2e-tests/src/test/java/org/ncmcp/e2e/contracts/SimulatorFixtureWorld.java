package org.ncmcp.e2e.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.e2e.simulator.cookbook.CookbookSeed;
import org.ncmcp.e2e.simulator.deck.DeckSeed;
import org.ncmcp.e2e.simulator.state.SimFile;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import org.ncmcp.e2e.simulator.tables.TablesSeed;
import tools.jackson.databind.JsonNode;

/**
 * A fresh simulator prepared for one fixture: user {@code alice} with an app password, the fixture's
 * {@code given} state, and the placeholder values that refer to it.
 */
final class SimulatorFixtureWorld implements FixtureWorld {

    static final Instant NOW = Instant.parse("2025-11-22T12:00:00Z");
    static final String LOGIN_PASSWORD = "alice-login-password";

    final NextcloudSimulator simulator;
    final Placeholders placeholders = new Placeholders();

    SimulatorFixtureWorld(ContractFixture fixture) {
        simulator = NextcloudSimulator.start(SimulatorOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        SimulatorState state = simulator.state();
        state.addUser("alice", "alice", "Alice", LOGIN_PASSWORD);
        String appPassword = state.issueAppPassword("alice");
        placeholders.put("basic:alice", basic("alice", appPassword))
                .put("basic:alice:wrong", basic("alice", "not-the-password"))
                .put("basic:alice:login", basic("alice", LOGIN_PASSWORD))
                .put("baseUrl", simulator.baseUri().toString())
                .put("user.id", "alice")
                .put("user.displayName", "Alice");
        JsonNode given = fixture.given();
        int index = 0;
        for (JsonNode note : given.path("notes")) {
            seedNote(state, index++, note);
        }
        DeckSeed.seed(simulator.deck(), "alice", given.path("deck"), placeholders::put);
        CookbookSeed.seed(state, "alice", given.path("cookbook"), placeholders::put);
        TablesSeed.seed(simulator.tables(), "alice", given.path("tables"), placeholders::put);
        if (given.path("revokeAppPassword").asBoolean(false)) {
            state.revokeAppPassword(appPassword);
        }
    }

    private void seedNote(SimulatorState state, int index, JsonNode note) {
        String category = note.path("category").asString("");
        String path = "Notes/" + (category.isEmpty() ? "" : category + "/") + note.path("title").asString() + ".md";
        SimFile file = state.createFile("alice", path, new byte[0], "text/markdown");
        placeholders.put("note" + index + ".id", file.id());
        file = state.writeFile(file.id(), placeholders.resolve(note.path("content").asString("")).getBytes(StandardCharsets.UTF_8));
        for (JsonNode attachment : note.path("attachments")) {
            state.putNoteAttachment("alice", file.id(), attachment.path("name").asString(),
                    attachment.path("text").asString().getBytes(StandardCharsets.UTF_8), attachment.path("contentType").asString());
        }
        placeholders.put("note" + index + ".etag", NoteEtags.of(simulator, file.id()));
    }

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public java.net.URI baseUri() {
        return simulator.baseUri();
    }

    @Override
    public Placeholders placeholders() {
        return placeholders;
    }

    @Override
    public void close() {
        simulator.close();
    }
}
