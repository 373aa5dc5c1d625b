package org.ncmcp.e2e.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.simulator.dav.ApacheDavServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * With Apache mod_dav as the files server (the "minimal RFC 4918" differential run), the simulator keeps its own
 * files: Apache offers no files folder to share ({@code DavBackend#localFiles} is empty) and no {@code oc:fileid}.
 * Notes and WebDAV are then two separate trees, on purpose; {@link SharedFileTreeTest} covers the shared tree.
 */
class NotesApartFromApacheFilesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NOTES = "/index.php/apps/notes/api/v1/notes";

    private static ApacheDavServer apache;
    private static NextcloudSimulator nextcloud;
    private static String alice;
    private static SimulatorWebDav webDav;

    @BeforeAll
    static void start() {
        String reason = ApacheDavServer.unavailableReason().orElse(null);
        if (reason != null) {
            System.out.println("SKIPPED (Apache mod_dav): " + reason);
        }
        Assumptions.assumeTrue(reason == null, () -> "Apache mod_dav is not available: " + reason);
        apache = ApacheDavServer.start();
        nextcloud = NextcloudSimulator.start(SimulatorOptions.defaults());
        nextcloud.attachDav(apache);
        nextcloud.state().addUser("alice", "alice", "Alice", "login-secret");
        alice = SimulatorHttp.basic("alice", nextcloud.state().issueAppPassword("alice"));
        webDav = new SimulatorWebDav(nextcloud, "alice", alice);
    }

    @AfterAll
    static void stop() {
        if (nextcloud != null) {
            nextcloud.close();
        }
        if (apache != null) {
            apache.close();
        }
    }

    @Test
    void notesAndApacheFilesAreSeparateTrees() throws Exception {
        HttpResponse<String> created = SimulatorHttp.send(notes("POST", "{\"title\":\"Only a note\",\"content\":\"x\"}"));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(webDav.status("Notes/Only a note.md")).isEqualTo(404);

        webDav.mkcol("Notes");
        webDav.put("Notes/Only a file.md", "y");
        assertThat(webDav.get("Notes/Only a file.md")).isEqualTo("y");
        HttpResponse<String> listed = SimulatorHttp.send(notes("GET", null));
        assertThat(JSON.readTree(listed.body()).valueStream().map(note -> note.path("title").asString()).toList())
                .containsExactly("Only a note");
    }

    private static HttpRequest.Builder notes(String method, String body) {
        return HttpRequest.newBuilder(URI.create(nextcloud.baseUri() + NOTES)).header("Authorization", alice)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }
}
