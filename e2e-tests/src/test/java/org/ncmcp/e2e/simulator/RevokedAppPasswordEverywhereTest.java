package org.ncmcp.e2e.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.dav.SabreDav;
import org.ncmcp.e2e.simulator.dav.SabreDavServer;

/**
 * An app password deleted through {@code DELETE /ocs/v2.php/core/apppassword} stops working on every API at once,
 * because every API checks credentials against the one shared state (nextcloud-api.md §1.7, §2.1 item 2): Notes,
 * OCS, shares, Deck, Tables, Cookbook, and WebDAV and CalDAV through the DAV proxy.
 */
class RevokedAppPasswordEverywhereTest {

    private static final String PROPFIND = "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop>"
            + "<d:resourcetype/></d:prop></d:propfind>";

    /** One authenticated request to one API, and the status it answers while the app password is valid. */
    private record Call(String method, String path, int okStatus) {
    }

    private static final Map<String, Call> CALLS = new LinkedHashMap<>();

    static {
        CALLS.put("Notes", new Call("GET", "/index.php/apps/notes/api/v1/notes", 200));
        CALLS.put("OCS user", new Call("GET", "/ocs/v2.php/cloud/user?format=json", 200));
        CALLS.put("OCS shares", new Call("GET", "/ocs/v2.php/apps/files_sharing/api/v1/shares?format=json", 200));
        CALLS.put("Deck", new Call("GET", "/index.php/apps/deck/api/v1.0/boards", 200));
        CALLS.put("Tables", new Call("GET", "/index.php/apps/tables/api/1/tables", 200));
        CALLS.put("Cookbook", new Call("GET", "/index.php/apps/cookbook/api/v1/recipes", 200));
        CALLS.put("WebDAV", new Call("PROPFIND", "/remote.php/dav/files/alice/", 207));
        CALLS.put("legacy WebDAV", new Call("PROPFIND", "/remote.php/webdav/", 207));
        CALLS.put("CalDAV", new Call("PROPFIND", "/remote.php/dav/calendars/alice/personal/", 207));
    }

    private SabreDavServer sabre;
    private NextcloudSimulator nextcloud;

    @BeforeEach
    void start() {
        sabre = SabreDav.startOrSkip();
        nextcloud = NextcloudSimulator.start(SimulatorOptions.defaults());
        nextcloud.attachDav(sabre);
        nextcloud.state().addUser("alice", "alice@example.com", "Alice", "login-secret");
    }

    @AfterEach
    void stop() {
        if (nextcloud != null) {
            nextcloud.close();
        }
        if (sabre != null) {
            sabre.close();
        }
    }

    @Test
    void aDeletedAppPasswordIs401OnEveryApiIncludingDav() throws Exception {
        String credential = SimulatorHttp.basic("alice@example.com", nextcloud.state().issueAppPassword("alice"));
        for (Map.Entry<String, Call> call : CALLS.entrySet()) {
            assertThat(send(call.getValue(), credential)).as(call.getKey() + " before the revocation")
                    .isEqualTo(call.getValue().okStatus());
        }

        int deleted = SimulatorHttp.send(request("DELETE", "/ocs/v2.php/core/apppassword?format=json", credential))
                .statusCode();
        assertThat(deleted).isEqualTo(200);

        for (Map.Entry<String, Call> call : CALLS.entrySet()) {
            assertThat(send(call.getValue(), credential)).as(call.getKey() + " after the revocation").isEqualTo(401);
        }
        // another app password of the same user still works: only the revoked one is refused
        String other = SimulatorHttp.basic("alice@example.com", nextcloud.state().issueAppPassword("alice"));
        for (String api : List.of("Notes", "WebDAV", "CalDAV")) {
            assertThat(send(CALLS.get(api), other)).as(api + " with another app password").isEqualTo(CALLS.get(api).okStatus());
        }
    }

    private int send(Call call, String credential) throws Exception {
        return SimulatorHttp.send(request(call.method(), call.path(), credential)).statusCode();
    }

    private HttpRequest.Builder request(String method, String path, String credential) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nextcloud.baseUri() + path))
                .header("Authorization", credential).header("OCS-APIRequest", "true");
        if (method.equals("PROPFIND")) {
            return request.header("Depth", "0").header("Content-Type", "application/xml")
                    .method(method, HttpRequest.BodyPublishers.ofString(PROPFIND));
        }
        return request.method(method, HttpRequest.BodyPublishers.noBody());
    }
}
