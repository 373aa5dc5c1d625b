package org.ncmcp.e2e.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A WebDAV client of one user's {@code /remote.php/dav/files/<user>/} on the simulator, for shared-state tests. */
final class SimulatorWebDav {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern FILEID = Pattern.compile("<(?:\\w+:)?fileid(?:\\s[^>]*)?>(\\d+)</(?:\\w+:)?fileid>");
    private static final String FILEID_PROPFIND = "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\""
            + " xmlns:oc=\"http://owncloud.org/ns\"><d:prop><oc:fileid/><d:getetag/></d:prop></d:propfind>";

    private final NextcloudSimulator simulator;
    private final String user;
    private final String authorization;

    SimulatorWebDav(NextcloudSimulator simulator, String user, String authorization) {
        this.simulator = simulator;
        this.user = user;
        this.authorization = authorization;
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create(simulator.baseUri() + "/remote.php/dav/files/" + user + "/" + encode(path));
    }

    void mkcol(String path) throws Exception {
        assertThat(send("MKCOL", path, null).statusCode()).as("MKCOL " + path).isEqualTo(201);
    }

    void put(String path, String content) throws Exception {
        assertThat(send("PUT", path, content).statusCode()).as("PUT " + path).isIn(201, 204);
    }

    String get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.body();
    }

    int status(String path) throws Exception {
        return send("PROPFIND", path, FILEID_PROPFIND, "Depth", "0").statusCode();
    }

    /** The {@code oc:fileid} WebDAV reports for the path. */
    long fileId(String path) throws Exception {
        HttpResponse<String> response = send("PROPFIND", path, FILEID_PROPFIND, "Depth", "0");
        assertThat(response.statusCode()).as("PROPFIND " + path).isEqualTo(207);
        Matcher id = FILEID.matcher(response.body());
        assertThat(id.find()).as("oc:fileid of " + path + " in " + response.body()).isTrue();
        return Long.parseLong(id.group(1));
    }

    void move(String from, String to) throws Exception {
        assertThat(send("MOVE", from, null, "Destination", uri(to).toString()).statusCode()).as("MOVE " + from)
                .isIn(201, 204);
    }

    void delete(String path) throws Exception {
        assertThat(send("DELETE", path, null).statusCode()).as("DELETE " + path).isIn(200, 204);
    }

    private static String encode(String path) {
        return path.replace("%", "%25").replace(" ", "%20");
    }
}
