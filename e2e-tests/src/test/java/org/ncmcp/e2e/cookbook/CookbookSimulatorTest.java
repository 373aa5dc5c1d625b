package org.ncmcp.e2e.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.MutableClock;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Simulator Cookbook rules that a single contract fixture cannot show: a PUT follows the body's id (without one it
 * creates a copy), recipes are files of their owner only, the recipe folder setting moves the listing, listings come
 * from an index rebuilt every {@code update_interval} minutes, and a revoked app password is refused.
 */
class CookbookSimulatorTest {

    private static final String API = "/index.php/apps/cookbook/api/v1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NextcloudSimulator nextcloud;
    private String aliceAppPassword;
    private String alice;
    private String bob;

    @BeforeEach
    void start() {
        nextcloud = NextcloudSimulator.start(SimulatorOptions.defaults());
        nextcloud.state().addUser("alice", "alice", "Alice", "alice-login");
        nextcloud.state().addUser("bob", "bob", "Bob", "bob-login");
        aliceAppPassword = nextcloud.state().issueAppPassword("alice");
        alice = basic("alice", aliceAppPassword);
        bob = basic("bob", nextcloud.state().issueAppPassword("bob"));
    }

    @AfterEach
    void stop() {
        nextcloud.close();
    }

    private static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String auth, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(nextcloud.baseUri() + API + path))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private long create(String auth, String name) throws Exception {
        HttpResponse<String> created = send(auth, "POST", "/recipes", "{\"name\":\"" + name + "\"}");
        assertThat(created.statusCode()).isEqualTo(200);
        return Long.parseLong(created.body());
    }

    private JsonNode list(String auth) throws Exception {
        return JSON.readTree(send(auth, "GET", "/recipes", null).body());
    }

    @Test
    void aPutFollowsTheBodysIdAndWithoutOneCreatesACopy() throws Exception {
        long soup = create(alice, "Soup");
        long stew = create(alice, "Stew");
        // The path names the soup, the body the stew: Cookbook changes the stew.
        HttpResponse<String> put = send(alice, "PUT", "/recipes/" + soup,
                "{\"id\":\"" + stew + "\",\"name\":\"Stew\",\"description\":\"thick\"}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo(Long.toString(stew));
        assertThat(JSON.readTree(send(alice, "GET", "/recipes/" + stew, null).body()).path("description").asString())
                .isEqualTo("thick");
        assertThat(JSON.readTree(send(alice, "GET", "/recipes/" + soup, null).body()).path("description").asString())
                .isEmpty();

        HttpResponse<String> withoutId = send(alice, "PUT", "/recipes/" + soup, "{\"name\":\"Soup copy\"}");
        assertThat(withoutId.statusCode()).isEqualTo(200);
        assertThat(Long.parseLong(withoutId.body())).isNotIn(soup, stew);
        assertThat(list(alice)).hasSize(3);
    }

    @Test
    void aRenameOntoAnotherRecipesNameFailsInsideCookbook() throws Exception {
        create(alice, "Soup");
        long stew = create(alice, "Stew");
        HttpResponse<String> put = send(alice, "PUT", "/recipes/" + stew, "{\"id\":\"" + stew + "\",\"name\":\"Soup\"}");
        // update() does not catch RecipeExistsException, so Nextcloud answers a server error.
        assertThat(put.statusCode()).isEqualTo(500);
        assertThat(nextcloud.state().fileByPath("alice", "Recipes/Stew/recipe.json")).isPresent();
    }

    @Test
    void recipesAreFilesOfTheirOwnerOnly() throws Exception {
        long soup = create(alice, "Soup");
        // As in Cookbook, the recipe id is the id of the recipe's folder, not of its recipe.json.
        assertThat(nextcloud.state().files().node("alice", "Recipes/Soup").orElseThrow().id()).isEqualTo(soup);
        assertThat(send(bob, "GET", "/recipes/" + soup, null).statusCode()).isEqualTo(404);
        assertThat(send(bob, "DELETE", "/recipes/" + soup, null).statusCode()).isEqualTo(502);
        assertThat(list(bob)).isEmpty();
        // Deleting the file (as Files would) removes the recipe.
        nextcloud.state().deleteFile(soup);
        assertThat(send(alice, "GET", "/recipes/" + soup, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theFolderSettingDecidesWhichRecipesAreListed() throws Exception {
        create(alice, "Soup");
        assertThat(send(alice, "POST", "/config", "{\"folder\":\"/Kitchen\"}").body()).isEqualTo("\"OK\"");
        assertThat(list(alice)).isEmpty();
        create(alice, "Bread");
        assertThat(nextcloud.state().fileByPath("alice", "Kitchen/Bread/recipe.json")).isPresent();
        assertThat(JSON.readTree(send(alice, "GET", "/config", null).body()).path("folder").asString())
                .isEqualTo("/Kitchen");
    }

    @Test
    void aRecipeFolderMadeBehindCookbooksBackIsListedOnceTheUpdateIntervalHasPassed() throws Exception {
        nextcloud.close();
        MutableClock clock = new MutableClock(Instant.parse("2025-11-22T12:00:00Z"));
        nextcloud = NextcloudSimulator.start(SimulatorOptions.defaults().withClock(clock));
        nextcloud.state().addUser("alice", "alice", "Alice", "alice-login");
        alice = basic("alice", nextcloud.state().issueAppPassword("alice"));
        create(alice, "Soup");
        assertThat(names(list(alice))).containsExactly("Soup");

        // as Files (or WebDAV) would: a folder with a recipe.json that Cookbook's index has not seen
        nextcloud.state().createFile("alice", "Recipes/Bread/recipe.json",
                "{\"name\":\"Bread\"}".getBytes(StandardCharsets.UTF_8), "application/json");
        clock.advance(Duration.ofMinutes(4));
        assertThat(names(list(alice))).as("within update_interval (5 min)").containsExactly("Soup");
        clock.advance(Duration.ofMinutes(2));
        assertThat(names(list(alice))).containsExactly("Bread", "Soup");
    }

    private static java.util.List<String> names(JsonNode stubs) {
        return stubs.valueStream().map(stub -> stub.path("name").asString()).toList();
    }

    @Test
    void aRevokedAppPasswordIsRefused() throws Exception {
        create(alice, "Soup");
        nextcloud.state().revokeAppPassword(aliceAppPassword);
        assertThat(send(alice, "GET", "/recipes", null).statusCode()).isEqualTo(401);
        assertThat(send(alice, "POST", "/recipes", "{\"name\":\"Stew\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void theImportPageHookExistsOnlyWithTestHooks() throws Exception {
        HttpRequest register = HttpRequest.newBuilder(URI.create(nextcloud.baseUri() + "/__test/cookbook/pages"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"https://r.example/a\",\"html\":\"<p>\"}")).build();
        assertThat(HTTP.send(register, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        try (NextcloudSimulator demo = NextcloudSimulator.start(new SimulatorOptions(0, java.time.Clock.systemUTC(),
                false))) {
            HttpRequest toDemo = HttpRequest.newBuilder(URI.create(demo.baseUri() + "/__test/cookbook/pages"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            assertThat(HTTP.send(toDemo, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        }
        // A registered page without schema.org recipe data is Cookbook's "No parser found".
        HttpResponse<String> imported = send(alice, "POST", "/import", "{\"url\":\"https://r.example/a\"}");
        assertThat(imported.statusCode()).isEqualTo(400);
        assertThat(imported.body()).isEqualTo("\"No parser found for the given import.\"");
    }
}
