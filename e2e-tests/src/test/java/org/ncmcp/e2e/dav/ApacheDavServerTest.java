package org.ncmcp.e2e.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.simulator.dav.ApacheDavServer;

/** The Apache mod_dav harness on its own: its users, their separation, and the RFC 4918 basics it is used for. */
class ApacheDavServerTest {

    private static ApacheDavServer apache;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        String reason = ApacheDavServer.unavailableReason().orElse(null);
        if (reason != null) {
            System.out.println("SKIPPED (Apache mod_dav): " + reason);
        }
        Assumptions.assumeTrue(reason == null, () -> "Apache mod_dav is not available: " + reason);
        apache = ApacheDavServer.start();
    }

    @AfterAll
    static void stop() {
        if (apache != null) {
            apache.close();
        }
    }

    @Test
    void eachUserReachesOnlyTheirOwnFolder() throws Exception {
        String alice = basic("alice", apache.passwordFor("alice"));
        String bob = basic("bob", apache.passwordFor("bob"));
        assertThat(send(alice, "PUT", "/remote.php/dav/files/alice/a.txt", "a").statusCode()).isEqualTo(201);
        assertThat(send(alice, "GET", "/remote.php/dav/files/alice/a.txt", null).body()).isEqualTo("a");
        // refused; Apache re-challenges (401) when a Require expr on REMOTE_USER fails, where Nextcloud says 404
        HttpResponse<String> foreign = send(bob, "GET", "/remote.php/dav/files/alice/a.txt", null);
        assertThat(foreign.statusCode()).isEqualTo(401);
        assertThat(foreign.body()).doesNotContain("a.txt").isNotEqualTo("a");
        assertThat(send(bob, "PROPFIND", "/remote.php/dav/files/", null).statusCode()).isEqualTo(401);
        assertThat(send(basic("alice", "wrong"), "GET", "/remote.php/dav/files/alice/a.txt", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void weakEtagsAndNoEtagOnPutAsDocumented() throws Exception {
        String carol = basic("carol", apache.passwordFor("carol"));
        HttpResponse<String> put = send(carol, "PUT", "/remote.php/dav/files/carol/w.txt", "w");
        assertThat(put.headers().firstValue("ETag")).isEmpty();
        String etag = send(carol, "GET", "/remote.php/dav/files/carol/w.txt", null).headers().firstValue("ETag")
                .orElseThrow();
        assertThat(etag).startsWith("W/");
        // If-Match compares strongly: a weak ETag never matches (the files client works around it)
        assertThat(send(carol, "PUT", "/remote.php/dav/files/carol/w.txt", "x", "If-Match", etag).statusCode())
                .isEqualTo(412);
    }

    private HttpResponse<String> send(String authorization, String method, String path, String body,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apache.baseUri() + path))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
