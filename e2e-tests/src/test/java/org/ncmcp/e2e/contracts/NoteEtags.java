package org.ncmcp.e2e.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.state.SimulatorState;

/** Reads a seeded note's etag the way a client would: from the API, not from simulator internals. */
final class NoteEtags {

    private NoteEtags() {
    }

    static String of(NextcloudSimulator simulator, long noteId) {
        SimulatorState state = simulator.state();
        String appPassword = state.issueAppPassword("alice");
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(simulator.baseUri() + "/index.php/apps/notes/api/v1/notes/" + noteId))
                    .header("Authorization", SimulatorFixtureWorld.basic("alice", appPassword)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.headers().firstValue("ETag").orElseThrow().replace("\"", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            state.revokeAppPassword(appPassword);
        }
    }
}
