package org.ncmcp.e2e.contracts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Record/verify mode (nextcloud-api.md §2.2.5): prepares a fixture on a real Nextcloud reached over HTTP,
 * using only public APIs, and removes what it created afterwards. Fixtures that need what a remote server
 * cannot be made to do (revoking the only app password, attachments without WebDAV) are skipped with a reason.
 * Use a dedicated account with no notes: listing fixtures expect to see exactly the notes they seed.
 */
final class RemoteFixtureWorld implements FixtureWorld {

    /** Set these to replay every fixture against a real Nextcloud instead of the simulator. */
    static final String URL_ENV = "NEXTCLOUD_CONTRACT_URL";
    static final String LOGIN_ENV = "NEXTCLOUD_CONTRACT_LOGIN";
    static final String APP_PASSWORD_ENV = "NEXTCLOUD_CONTRACT_APP_PASSWORD";
    static final String LOGIN_PASSWORD_ENV = "NEXTCLOUD_CONTRACT_LOGIN_PASSWORD";

    record Account(URI baseUri, String login, String appPassword, String loginPassword) {
        static Account fromEnvironment() {
            String url = System.getenv(URL_ENV);
            return url == null || url.isBlank() ? null : new Account(URI.create(url.replaceAll("/+$", "")),
                    System.getenv(LOGIN_ENV), System.getenv(APP_PASSWORD_ENV), System.getenv(LOGIN_PASSWORD_ENV));
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Account account;
    private final Placeholders placeholders = new Placeholders();
    private final List<Long> notesBefore = new ArrayList<>();

    /** @return why this fixture cannot be replayed remotely, or null when it can */
    static String unsupportedReason(ContractFixture fixture, Account account) {
        if (fixture.given().path("revokeAppPassword").asBoolean(false)) {
            return "it revokes the app password the replay itself uses";
        }
        if (fixture.id().startsWith("cookbook/")) {
            return "seeding and cleaning up Cookbook recipes on a real server is not implemented yet";
        }
        if (fixture.id().startsWith("tables/")) {
            return "cleaning up the tables a fixture creates on a real server is not implemented yet";
        }
        if (fixture.id().startsWith("deck/")) {
            return "seeding and cleaning up Deck boards on a real server is not implemented yet";
        }
        for (JsonNode note : fixture.given().path("notes")) {
            if (note.has("attachments")) {
                return "seeding attachments needs WebDAV, which the replay does not use yet";
            }
        }
        if (fixture.request().path("headers").toString().contains("basic:alice:login") && account.loginPassword() == null) {
            return LOGIN_PASSWORD_ENV + " is not set";
        }
        if (fixture.request().path("path").asString().contains("/core/apppassword")) {
            return "it would rotate or delete the app password the replay uses";
        }
        return null;
    }

    RemoteFixtureWorld(ContractFixture fixture, Account account) throws IOException, InterruptedException {
        this.account = account;
        placeholders.put("basic:alice", SimulatorFixtureWorld.basic(account.login(), account.appPassword()))
                .put("basic:alice:wrong", SimulatorFixtureWorld.basic(account.login(), "not-the-password"))
                .put("basic:alice:login", SimulatorFixtureWorld.basic(account.login(),
                        account.loginPassword() == null ? "" : account.loginPassword()))
                .put("baseUrl", account.baseUri().toString());
        JsonNode me = send("GET", "/ocs/v2.php/cloud/user?format=json", null).path("ocs").path("data");
        placeholders.put("user.id", me.path("id").asString()).put("user.displayName", me.path("displayname").asString());
        send("GET", "/index.php/apps/notes/api/v1/notes?exclude=content", null).forEach(n -> notesBefore.add(n.path("id").asLong()));
        int index = 0;
        for (JsonNode note : fixture.given().path("notes")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", note.path("title").asString());
            body.put("category", note.path("category").asString(""));
            body.put("content", note.path("content").asString(""));
            JsonNode created = send("POST", "/index.php/apps/notes/api/v1/notes", body);
            long id = created.path("id").asLong();
            placeholders.put("note" + index + ".id", id).put("note" + index + ".etag", created.path("etag").asString());
            index++;
        }
    }

    private JsonNode send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(account.baseUri() + path))
                .header("Authorization", placeholders.resolve("{{basic:alice}}"))
                .header("OCS-APIRequest", "true").header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(ContractFixture.JSON.writeValueAsBytes(body)));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Preparing the fixture failed: " + method + " " + path + " → "
                    + response.statusCode());
        }
        return response.body().isBlank() ? ContractFixture.JSON.createObjectNode() : ContractFixture.JSON.readTree(response.body());
    }

    @Override
    public URI baseUri() {
        return account.baseUri();
    }

    @Override
    public Placeholders placeholders() {
        return placeholders;
    }

    /** Removes every note that was not there before: those seeded and those the fixture's request created. */
    @Override
    public void close() {
        List<Long> now = new ArrayList<>();
        try {
            send("GET", "/index.php/apps/notes/api/v1/notes?exclude=content", null).forEach(n -> now.add(n.path("id").asLong()));
        } catch (IOException | InterruptedException | IllegalStateException unreachable) {
            return;
        }
        now.removeAll(notesBefore);
        for (long id : now) {
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(account.baseUri() + "/index.php/apps/notes/api/v1/notes/" + id))
                        .header("Authorization", placeholders.resolve("{{basic:alice}}")).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException | InterruptedException ignored) {
                // best effort: a leftover note is visible to the account owner and harmless
            }
        }
    }
}
