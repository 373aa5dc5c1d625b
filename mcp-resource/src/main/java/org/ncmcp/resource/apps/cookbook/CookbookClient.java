package org.ncmcp.resource.apps.cookbook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ncmcp.resource.nextcloud.NextcloudBadRequestException;
import org.ncmcp.resource.nextcloud.NextcloudConflictException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProtocolException;
import org.ncmcp.resource.nextcloud.NextcloudRequest;
import org.ncmcp.resource.nextcloud.NextcloudResponse;
import org.ncmcp.resource.nextcloud.NextcloudUnavailableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Client of the Cookbook API v1 ({@code /index.php/apps/cookbook/api/v1}, nextcloud-api.md §1.5) and its quirks:
 * create and update answer a bare integer id, a missing recipe is a 404 whose body is the id, deleting a missing one
 * is a 502, and a PUT changes the recipe named by the body's {@code id} (the path id is ignored), so
 * {@link #updateRecipe} always sends it. Recipes are kept as JSON trees so schema.org fields this client does not
 * know survive an update.
 */
public class CookbookClient {

    static final String BASE = "/index.php/apps/cookbook/api/v1";
    private static final TypeReference<List<CookbookModels.RecipeStub>> STUBS = new TypeReference<>() { };
    private static final TypeReference<List<CookbookModels.NameCount>> COUNTS = new TypeReference<>() { };
    /** Parts of a GET answer that are views, not recipe data: never written back. */
    private static final List<String> VIEW_ONLY = List.of("printImage", "imageUrl", "dateModified");

    private final NextcloudHttpClient http;
    private final JsonMapper json;

    public CookbookClient(NextcloudHttpClient http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    public List<CookbookModels.RecipeStub> listRecipes() {
        return parse(http.send(get("/recipes")), STUBS, "a list of recipes");
    }

    public ObjectNode getRecipe(long id) {
        try {
            JsonNode node = tree(http.send(get("/recipes/" + id)), "a recipe");
            if (!node.isObject()) {
                throw new NextcloudProtocolException(200, "Cookbook answered with something that is not a recipe."
                        + " Is the Cookbook app enabled?", null);
            }
            return (ObjectNode) node;
        } catch (NextcloudNotFoundException missing) {
            throw notFound(id);
        }
    }

    /** @return the new recipe's id */
    public long createRecipe(ObjectNode recipe) {
        String name = recipe.path("name").asString("");
        try {
            return id(http.send(write("POST", "/recipes", recipe)));
        } catch (NextcloudConflictException exists) {
            throw nameTaken(name, exists);
        } catch (NextcloudBadRequestException nameless) {
            throw new NextcloudBadRequestException(nameless.status(), "Cookbook refused the recipe: it needs a"
                    + " name, and the name must be unique.");
        }
    }

    /**
     * Writes the whole recipe. Cookbook takes the recipe to change from the body's {@code id}, so it is set here;
     * without it, Cookbook would create a copy instead.
     */
    public long updateRecipe(long id, ObjectNode recipe) {
        ObjectNode body = recipe.deepCopy();
        VIEW_ONLY.forEach(body::remove);
        body.put("id", Long.toString(id));
        try {
            return id(http.send(write("PUT", "/recipes/" + id, body)));
        } catch (NextcloudBadRequestException nameless) {
            throw new NextcloudBadRequestException(nameless.status(), "Cookbook refused the change to recipe " + id
                    + ": a recipe needs a name.");
        }
    }

    /** Cookbook answers a missing recipe with 502 (its catch-all); that is said as "does not exist". */
    public void deleteRecipe(long id) {
        try {
            http.send(NextcloudRequest.delete(BASE + "/recipes/" + id));
        } catch (NextcloudUnavailableException failed) {
            if (failed.status() == 502) {
                throw notFound(id);
            }
            throw failed;
        }
    }

    /** Nextcloud downloads the page and reads its schema.org data; the stored recipe comes back. */
    public ObjectNode importRecipe(String url) {
        try {
            JsonNode node = tree(http.send(write("POST", "/import", Map.of("url", url))), "a recipe");
            if (!node.isObject()) {
                throw new NextcloudProtocolException(200, "Cookbook answered the import with something that is not a"
                        + " recipe.", null);
            }
            return (ObjectNode) node;
        } catch (NextcloudConflictException exists) {
            throw new NextcloudConflictException(409, "Cookbook already has a recipe with the name of the one at "
                    + url + "; nothing was imported. Rename or delete the existing recipe first (find it with"
                    + " nc_cookbook_search_recipes).", exists.responseBody(), null);
        } catch (NextcloudBadRequestException refused) {
            throw new NextcloudBadRequestException(refused.status(), "Cookbook could not import a recipe from " + url
                    + ": Nextcloud could not download the page, or the page holds no schema.org recipe data. Check"
                    + " that the address opens without a login; otherwise enter the recipe with"
                    + " nc_cookbook_create_recipe.");
        }
    }

    /** Recipes whose name, category or a keyword contains any of the words. */
    public List<CookbookModels.RecipeStub> search(String query) {
        return parse(http.send(get("/search/" + segment(query))), STUBS, "a list of recipes");
    }

    /** Categories with their counts; Cookbook adds {@code "*"} counting the recipes without one. */
    public List<CookbookModels.NameCount> categories() {
        return parse(http.send(get("/categories")), COUNTS, "a list of categories");
    }

    /** An empty category means the recipes without one (Cookbook's {@code _}). */
    public List<CookbookModels.RecipeStub> recipesInCategory(String category) {
        String segment = category.isEmpty() ? "_" : segment(category);
        return parse(http.send(get("/category/" + segment)), STUBS, "a list of recipes");
    }

    public List<CookbookModels.NameCount> keywords() {
        return parse(http.send(get("/keywords")), COUNTS, "a list of keywords");
    }

    /** Recipes carrying every one of the keywords. */
    public List<CookbookModels.RecipeStub> recipesWithKeywords(List<String> keywords) {
        String joined = keywords.stream().map(CookbookClient::segment).collect(Collectors.joining(","));
        return parse(http.send(get("/tags/" + joined)), STUBS, "a list of recipes");
    }

    public CookbookModels.CookbookConfig getConfig() {
        return parse(http.send(get("/config")), CookbookModels.CookbookConfig.class);
    }

    /** Only the given settings change; Cookbook leaves the others as they are. */
    public void setConfig(Map<String, Object> changes) {
        http.send(write("POST", "/config", changes));
    }

    /** @return Cookbook's confirmation sentence */
    public String reindex() {
        JsonNode answer = tree(http.send(NextcloudRequest.post(BASE + "/reindex")), "a confirmation");
        return answer.isString() ? answer.asString() : answer.toString();
    }

    // --- plumbing --------------------------------------------------------------------------------

    private static NextcloudRequest get(String path) {
        return NextcloudRequest.get(BASE + path);
    }

    private NextcloudRequest write(String method, String path, Object body) {
        return new NextcloudRequest(method, BASE + path, Map.of(), null)
                .body("application/json", json.writeValueAsBytes(body));
    }

    /** A path segment: Cookbook urldecodes it, and a {@code +} would stay a plus, so spaces become {@code %20}. */
    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private long id(NextcloudResponse response) {
        JsonNode node = tree(response, "a recipe id");
        if (node.isIntegralNumber() || (node.isString() && node.asString().matches("\\d{1,18}"))) {
            return node.asLong();
        }
        throw new NextcloudProtocolException(response.status(), "Cookbook answered with something that is not a"
                + " recipe id. Is the Cookbook app enabled?", null);
    }

    private JsonNode tree(NextcloudResponse response, String what) {
        try {
            JsonNode node = json.readTree(response.body());
            if (node == null || node.isMissingNode()) {
                throw new NextcloudProtocolException(response.status(), "Cookbook answered with nothing where "
                        + what + " was expected. Is the Cookbook app enabled?", null);
            }
            return node;
        } catch (JacksonException unreadable) {
            throw unreadable(response, what, unreadable);
        }
    }

    private <T> T parse(NextcloudResponse response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JacksonException unreadable) {
            throw unreadable(response, "the Cookbook settings", unreadable);
        }
    }

    private <T> T parse(NextcloudResponse response, TypeReference<T> type, String what) {
        try {
            return json.readValue(response.body(), type);
        } catch (JacksonException unreadable) {
            throw unreadable(response, what, unreadable);
        }
    }

    private static NextcloudProtocolException unreadable(NextcloudResponse response, String what, Exception cause) {
        return new NextcloudProtocolException(response.status(), "Nextcloud's Cookbook app answered with something"
                + " that is not " + what + ". Is the Cookbook app enabled?", cause);
    }

    static NextcloudNotFoundException notFound(long id) {
        return new NextcloudNotFoundException(404, "Recipe " + id + " does not exist in your Cookbook. Find recipe"
                + " ids with nc_cookbook_list_recipes or nc_cookbook_search_recipes.");
    }

    static NextcloudConflictException nameTaken(String name, NextcloudConflictException cause) {
        return new NextcloudConflictException(409, "Conflict: your Cookbook already has a recipe named '" + name
                + "' (recipe names are folder names and must be unique). Nothing was written; choose another name"
                + " or change the existing recipe with nc_cookbook_update_recipe.",
                cause == null ? new byte[0] : cause.responseBody(), null);
    }
}
