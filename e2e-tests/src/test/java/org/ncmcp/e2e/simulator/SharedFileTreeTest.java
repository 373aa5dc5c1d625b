package org.ncmcp.e2e.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.dav.SabreDav;
import org.ncmcp.e2e.simulator.dav.SabreDavServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One shared state behind every API, as in Nextcloud (nextcloud-api.md §2.1 item 1): notes are Markdown files
 * {@code Notes/[category/]title.md}, recipes are folders {@code Recipes/<name>/recipe.json}, shares point at file ids,
 * and WebDAV (real sabre/dav behind the simulator) sees the very same files with the very same {@code oc:fileid}.
 */
class SharedFileTreeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NOTES = "/index.php/apps/notes/api/v1/notes";
    private static final String COOKBOOK = "/index.php/apps/cookbook/api/v1";
    private static final String SHARES = "/ocs/v2.php/apps/files_sharing/api/v1/shares";

    private static SabreDavServer sabre;
    private NextcloudSimulator nextcloud;
    private String alice;
    private SimulatorWebDav webDav;

    @BeforeAll
    static void startSabre() {
        sabre = SabreDav.startOrSkip();
    }

    @AfterAll
    static void stopSabre() {
        if (sabre != null) {
            sabre.close();
        }
    }

    /** A fresh simulator per test; the users differ per test, so sabre's folders never overlap. */
    @BeforeEach
    void start(org.junit.jupiter.api.TestInfo test) {
        String user = "u" + Integer.toHexString(test.getDisplayName().hashCode());
        nextcloud = NextcloudSimulator.start(SimulatorOptions.defaults());
        nextcloud.attachDav(sabre);
        nextcloud.state().addUser(user, user + "@example.com", "Alice", "login-secret");
        alice = SimulatorHttp.basic(user + "@example.com", nextcloud.state().issueAppPassword(user));
        webDav = new SimulatorWebDav(nextcloud, user, alice);
    }

    @AfterEach
    void stop() {
        nextcloud.close();
    }

    // --- notes -------------------------------------------------------------------------------------

    @Test
    void aNoteMadeThroughTheNotesApiIsAMarkdownFileInWebDavWithTheNoteIdAsFileId() throws Exception {
        JsonNode note = json(api("POST", NOTES, "{\"title\":\"Plan\",\"category\":\"Work\",\"content\":\"# Plan\\nship it\"}"));
        long id = note.path("id").asLong();

        assertThat(webDav.get("Notes/Work/Plan.md")).isEqualTo("# Plan\nship it");
        assertThat(webDav.fileId("Notes/Work/Plan.md")).isEqualTo(id);

        api("PUT", NOTES + "/" + id, "{\"title\":\"Roadmap\",\"category\":\"\",\"content\":\"later\"}");
        assertThat(webDav.status("Notes/Work/Plan.md")).isEqualTo(404);
        assertThat(webDav.get("Notes/Roadmap.md")).isEqualTo("later");
        assertThat(webDav.fileId("Notes/Roadmap.md")).as("a rename keeps the file id").isEqualTo(id);
        assertThat(webDav.status("Notes/Work")).as("Notes removes a category folder left empty").isEqualTo(404);

        assertThat(api("DELETE", NOTES + "/" + id, null).body()).isEqualTo("[]");
        assertThat(webDav.status("Notes/Roadmap.md")).isEqualTo(404);
    }

    @Test
    void aMarkdownFileWrittenThroughWebDavIsANoteWhoseIdStaysAndWhoseEtagFollowsTheContent() throws Exception {
        webDav.mkcol("Notes");
        webDav.mkcol("Notes/Garden");
        webDav.put("Notes/Garden/Tomatoes.md", "water daily");
        long fileId = webDav.fileId("Notes/Garden/Tomatoes.md");

        JsonNode note = json(api("GET", NOTES + "/" + fileId, null));
        assertThat(note.path("title").asString()).isEqualTo("Tomatoes");
        assertThat(note.path("category").asString()).isEqualTo("Garden");
        assertThat(note.path("content").asString()).isEqualTo("water daily");
        assertThat(titles(json(api("GET", NOTES, null)))).containsExactly("Tomatoes");

        webDav.put("Notes/Garden/Tomatoes.md", "water twice a day");
        JsonNode edited = json(api("GET", NOTES + "/" + fileId, null));
        assertThat(webDav.fileId("Notes/Garden/Tomatoes.md")).as("writing keeps the file id").isEqualTo(fileId);
        assertThat(edited.path("content").asString()).isEqualTo("water twice a day");
        assertThat(edited.path("etag").asString()).isNotEqualTo(note.path("etag").asString());

        webDav.move("Notes/Garden/Tomatoes.md", "Notes/Kitchen.md");
        JsonNode moved = json(api("GET", NOTES + "/" + fileId, null));
        assertThat(moved.path("title").asString()).isEqualTo("Kitchen");
        assertThat(moved.path("category").asString()).isEmpty();

        webDav.delete("Notes/Kitchen.md");
        assertThat(api("GET", NOTES + "/" + fileId, null).statusCode()).isEqualTo(404);
        assertThat(json(api("GET", NOTES, null))).isEmpty();
    }

    @Test
    void anEditThroughWebDavMakesTheNotesClientsEtagStaleSoItsUpdateIs412WithTheWebDavContent() throws Exception {
        JsonNode note = json(api("POST", NOTES, "{\"title\":\"Shopping\",\"content\":\"milk\"}"));
        webDav.put("Notes/Shopping.md", "milk, eggs");

        HttpResponse<String> stale = send(request("PUT", NOTES + "/" + note.path("id").asLong(), "{\"content\":\"bread\"}")
                .header("If-Match", "\"" + note.path("etag").asString() + "\""));

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(JSON.readTree(stale.body()).path("content").asString()).isEqualTo("milk, eggs");
        assertThat(webDav.get("Notes/Shopping.md")).isEqualTo("milk, eggs");
    }

    // --- recipes -----------------------------------------------------------------------------------

    @Test
    void aRecipeIsAFolderWithRecipeJsonAndItsIdIsTheFoldersFileId() throws Exception {
        long id = Long.parseLong(api("POST", COOKBOOK + "/recipes", "{\"name\":\"Lentil Soup\",\"recipeYield\":4}").body());

        assertThat(webDav.fileId("Recipes/Lentil Soup")).isEqualTo(id);
        assertThat(JSON.readTree(webDav.get("Recipes/Lentil Soup/recipe.json")).path("name").asString())
                .isEqualTo("Lentil Soup");

        api("DELETE", COOKBOOK + "/recipes/" + id, null);
        assertThat(webDav.status("Recipes/Lentil Soup")).isEqualTo(404);
    }

    @Test
    void aRecipeFolderMadeThroughWebDavIsListedAfterReindex() throws Exception {
        api("POST", COOKBOOK + "/recipes", "{\"name\":\"Soup\"}");
        assertThat(names(json(api("GET", COOKBOOK + "/recipes", null)))).containsExactly("Soup");

        webDav.mkcol("Recipes/Bread");
        webDav.put("Recipes/Bread/recipe.json", "{\"name\":\"Bread\",\"recipeIngredient\":[\"flour\"]}");
        long folderId = webDav.fileId("Recipes/Bread");

        assertThat(names(json(api("GET", COOKBOOK + "/recipes", null))))
                .as("Cookbook lists from its index until it is rebuilt").containsExactly("Soup");
        JsonNode byId = json(api("GET", COOKBOOK + "/recipes/" + folderId, null));
        assertThat(byId.path("name").asString()).as("a recipe by id is read from its folder").isEqualTo("Bread");

        api("POST", COOKBOOK + "/reindex", null);
        JsonNode listed = json(api("GET", COOKBOOK + "/recipes", null));
        assertThat(names(listed)).containsExactly("Bread", "Soup");
        assertThat(listed.get(0).path("id").asString()).isEqualTo(Long.toString(folderId));
    }

    // --- shares ------------------------------------------------------------------------------------

    @Test
    void sharesPointAtTheFileIdsWebDavReportsAndAMissingPathIs404() throws Exception {
        webDav.mkcol("Reports");
        webDav.put("Reports/q3.txt", "numbers");

        JsonNode fileShare = ocsData(api("POST", SHARES, "{\"path\":\"/Reports/q3.txt\",\"shareType\":3}"));
        long fileId = webDav.fileId("Reports/q3.txt");
        assertThat(fileShare.path("file_source").asLong()).isEqualTo(fileId);
        assertThat(fileShare.path("item_source").asLong()).isEqualTo(fileId);
        assertThat(fileShare.path("file_parent").asLong()).isEqualTo(webDav.fileId("Reports"));
        assertThat(fileShare.path("item_size").asLong()).isEqualTo("numbers".length());

        JsonNode folderShare = ocsData(api("POST", SHARES, "{\"path\":\"/Reports\",\"shareType\":3}"));
        assertThat(folderShare.path("item_type").asString()).isEqualTo("folder");
        assertThat(folderShare.path("item_source").asLong()).isEqualTo(webDav.fileId("Reports"));

        HttpResponse<String> missing = api("POST", SHARES, "{\"path\":\"/Reports/q4.txt\",\"shareType\":3}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).path("ocs").path("meta").path("message").asString())
                .isEqualTo("Wrong path, file/folder does not exist");

        webDav.move("Reports/q3.txt", "Reports/q3-final.txt");
        JsonNode afterMove = ocsData(api("GET", SHARES + "/" + fileShare.path("id").asString(), null)).get(0);
        assertThat(afterMove.path("path").asString()).as("a share follows its file id").isEqualTo("/Reports/q3-final.txt");

        webDav.delete("Reports/q3-final.txt");
        assertThat(api("GET", SHARES + "/" + fileShare.path("id").asString(), null).statusCode())
                .as("deleting a file deletes its shares").isEqualTo(404);
    }

    @Test
    void aNoteCanBeSharedByItsPathAndTheShareNamesTheNotesFileId() throws Exception {
        long id = json(api("POST", NOTES, "{\"title\":\"Minutes\",\"content\":\"agreed\"}")).path("id").asLong();
        JsonNode share = ocsData(api("POST", SHARES, "{\"path\":\"/Notes/Minutes.md\",\"shareType\":3}"));
        assertThat(share.path("file_source").asLong()).isEqualTo(id);
        assertThat(share.path("mimetype").asString()).isEqualTo("text/markdown");
    }

    // --- plumbing ----------------------------------------------------------------------------------

    private HttpRequest.Builder request(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(nextcloud.baseUri() + path)).header("Authorization", alice)
                .header("OCS-APIRequest", "true").header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> api(String method, String path, String body) throws Exception {
        return send(request(method, path, body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return SimulatorHttp.send(request);
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode ocsData(HttpResponse<String> response) {
        return json(response).path("ocs").path("data");
    }

    private static List<String> titles(JsonNode notes) {
        return notes.valueStream().map(note -> note.path("title").asString()).toList();
    }

    private static List<String> names(JsonNode stubs) {
        return stubs.valueStream().map(stub -> stub.path("name").asString()).toList();
    }
}
