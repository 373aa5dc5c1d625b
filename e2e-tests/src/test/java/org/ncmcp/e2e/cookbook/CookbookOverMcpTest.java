package org.ncmcp.e2e.cookbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.mcp.SingleUserStack.id;
import static org.ncmcp.e2e.mcp.SingleUserStack.list;
import static org.ncmcp.e2e.mcp.SingleUserStack.text;

import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.mcp.SingleUserStack;
import org.ncmcp.e2e.simulator.state.SimFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Cookbook tools through a real MCP client, mcp-resource (single-user, as alice) and the simulator's Cookbook:
 * each tool's happy path and its not-found or conflict path, recipes as files in alice's tree, and imports from
 * pages registered with the simulator's test hook (nothing reaches the internet).
 */
class CookbookOverMcpTest {

    private static final long MISSING = 999_999;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @AutoClose
    private static SingleUserStack stack;

    @BeforeAll
    static void start() {
        stack = SingleUserStack.start("alice");
    }

    private static List<Object> names(Map<String, Object> recipeList) {
        return list(recipeList, "recipes").stream().map(r -> r.get("name")).toList();
    }

    private static long create(String name, Object... more) {
        Object[] arguments = new Object[more.length + 2];
        arguments[0] = "name";
        arguments[1] = name;
        System.arraycopy(more, 0, arguments, 2, more.length);
        return id(stack.ok("nc_cookbook_create_recipe", arguments));
    }

    private static void registerPage(String url, String html) throws Exception {
        String body = JSON.writeValueAsString(Map.of("url", url, "html", html));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.nextcloud().baseUri() + "/__test/cookbook/pages")).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void listsTheThirteenCookbookToolsWithScopesAndHints() {
        List<McpSchema.Tool> tools = stack.mcp().listTools().tools().stream().filter(t -> t.name().startsWith("nc_cookbook_"))
                .toList();
        assertThat(tools).hasSize(13);
        for (McpSchema.Tool tool : tools) {
            boolean readOnly = Boolean.TRUE.equals(tool.annotations().readOnlyHint());
            assertThat(tool.meta()).as(tool.name())
                    .containsEntry("nextcloud-mcp/scope", readOnly ? "cookbook:read" : "cookbook:write");
            assertThat(tool.annotations().destructiveHint()).as(tool.name()).isNotNull();
            assertThat(tool.annotations().idempotentHint()).as(tool.name()).isNotNull();
            assertThat(tool.annotations().openWorldHint()).as(tool.name()).isNotNull();
            assertThat(tool.outputSchema()).as(tool.name()).containsKey("properties");
        }
        McpSchema.Tool importTool = tools.stream().filter(t -> t.name().equals("nc_cookbook_import_recipe")).findFirst()
                .orElseThrow();
        assertThat(importTool.annotations().openWorldHint()).isTrue();
        assertThat(importTool.annotations().destructiveHint()).isFalse();
        assertThat(importTool.inputSchema().toString()).contains("url", "description", "examples");
        McpSchema.Tool reindex = tools.stream().filter(t -> t.name().equals("nc_cookbook_reindex")).findFirst()
                .orElseThrow();
        assertThat(reindex.annotations().destructiveHint()).isFalse();
        McpSchema.Tool delete = tools.stream().filter(t -> t.name().equals("nc_cookbook_delete_recipe")).findFirst()
                .orElseThrow();
        assertThat(delete.annotations().destructiveHint()).isTrue();
    }

    @Test
    void aRecipeFromCreationToDeletionIsAFileInTheUsersTree() {
        long id = create("Lentil Soup", "description", "Warming", "category", "Soup", "keywords",
                List.of("vegan", "winter"), "servings", 4, "prepTime", "PT15M", "ingredients",
                List.of("200 g lentils", "1 onion"), "instructions", List.of("Chop", "Simmer"), "tools", List.of("pot"));
        Map<String, Object> recipe = stack.ok("nc_cookbook_get_recipe", "recipeId", id);
        assertThat(recipe).containsEntry("name", "Lentil Soup").containsEntry("category", "Soup")
                .containsEntry("servings", 4).containsEntry("prepTime", "PT0H15M0S");
        assertThat(recipe.get("keywords")).isEqualTo(List.of("vegan", "winter"));
        assertThat(recipe.get("ingredients")).isEqualTo(List.of("200 g lentils", "1 onion"));
        SimFile file = stack.nextcloud().state().fileByPath("alice", "Recipes/Lentil Soup/recipe.json").orElseThrow();
        assertThat(new String(file.content(), StandardCharsets.UTF_8)).contains("200 g lentils");
        assertThat(names(stack.ok("nc_cookbook_list_recipes"))).contains("Lentil Soup");

        Map<String, Object> deleted = stack.ok("nc_cookbook_delete_recipe", "recipeId", id);
        assertThat(deleted).containsEntry("name", "Lentil Soup").containsEntry("deleted", true);
        assertThat(stack.nextcloud().state().fileByPath("alice", "Recipes/Lentil Soup/recipe.json")).isEmpty();
        assertThat(stack.error("nc_cookbook_get_recipe", "recipeId", id)).contains("Recipe " + id + " does not exist");
        assertThat(stack.error("nc_cookbook_delete_recipe", "recipeId", MISSING)).contains("does not exist");
    }

    @Test
    void creatingASecondRecipeWithTheSameNameIsAConflict() {
        create("Flatbread");
        assertThat(stack.error("nc_cookbook_create_recipe", "name", "Flatbread")).contains("already has a recipe named"
                + " 'Flatbread'");
    }

    @Test
    void updateChangesOnlyTheGivenFieldsAndKeepsUnknownOnes() throws Exception {
        long id = create("Risotto", "description", "Creamy", "category", "Dinner", "keywords", List.of("rice"),
                "ingredients", List.of("300 g rice"), "instructions", List.of("Stir"));
        // A schema.org field the tools do not know, written by another client straight into the file.
        SimFile file = stack.nextcloud().state().fileByPath("alice", "Recipes/Risotto/recipe.json").orElseThrow();
        JsonNode stored = JSON.readTree(file.content());
        ((tools.jackson.databind.node.ObjectNode) stored).putObject("author").put("name", "Nonna");
        stack.nextcloud().state().writeFile(file.id(), JSON.writeValueAsBytes(stored));

        Map<String, Object> updated = stack.ok("nc_cookbook_update_recipe", "recipeId", id, "servings", 3);
        assertThat(updated).containsEntry("servings", 3).containsEntry("description", "Creamy")
                .containsEntry("category", "Dinner");
        assertThat(updated.get("ingredients")).isEqualTo(List.of("300 g rice"));
        assertThat(updated.get("keywords")).isEqualTo(List.of("rice"));
        String content = new String(stack.nextcloud().state().file(file.id()).orElseThrow().content(), StandardCharsets.UTF_8);
        assertThat(content).contains("Nonna");
        // Cookbook's PUT could have created a copy; there is still one Risotto.
        assertThat(names(stack.ok("nc_cookbook_list_recipes"))).containsOnlyOnce("Risotto");

        Map<String, Object> renamed = stack.ok("nc_cookbook_update_recipe", "recipeId", id, "name", "Mushroom Risotto");
        assertThat(id(renamed)).isEqualTo(id);
        assertThat(renamed).containsEntry("name", "Mushroom Risotto").containsEntry("servings", 3);
        assertThat(stack.nextcloud().state().fileByPath("alice", "Recipes/Mushroom Risotto/recipe.json")).isPresent();
    }

    @Test
    void updateOfAMissingRecipeOrOntoAnotherRecipesNameFails() {
        assertThat(stack.error("nc_cookbook_update_recipe", "recipeId", MISSING, "servings", 2)).contains("does not exist");
        create("Apple Pie");
        long crumble = create("Apple Crumble", "servings", 6);
        assertThat(stack.error("nc_cookbook_update_recipe", "recipeId", crumble, "name", "Apple Pie"))
                .contains("already has a recipe named 'Apple Pie'", "Nothing was written");
        assertThat(stack.ok("nc_cookbook_get_recipe", "recipeId", crumble)).containsEntry("name", "Apple Crumble");
    }

    @Test
    void importsARecipeFromARegisteredPageAndRefusesUnknownPagesAndDuplicates() throws Exception {
        String url = "https://recipes.example/pancakes";
        registerPage(url, "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
                + "\"@graph\":[{\"@type\":\"WebPage\"},{\"@type\":\"Recipe\",\"name\":\"Imported Pancakes\","
                + "\"recipeIngredient\":[\"2 eggs\"],\"recipeInstructions\":[{\"@type\":\"HowToStep\",\"text\":\"Fry\"}],"
                + "\"recipeYield\":\"4 servings\",\"cookTime\":\"PT10M\"}]}</script></head><body></body></html>");
        Map<String, Object> imported = stack.ok("nc_cookbook_import_recipe", "url", url);
        assertThat(imported).containsEntry("name", "Imported Pancakes").containsEntry("url", url)
                .containsEntry("servings", 4);
        assertThat(imported.get("instructions")).isEqualTo(List.of("Fry"));
        assertThat(stack.ok("nc_cookbook_get_recipe", "recipeId", id(imported))).containsEntry("name", "Imported Pancakes");

        assertThat(stack.error("nc_cookbook_import_recipe", "url", url)).contains("already has a recipe");
        assertThat(stack.error("nc_cookbook_import_recipe", "url", "https://recipes.example/unknown"))
                .contains("could not import a recipe from https://recipes.example/unknown");
        assertThat(stack.error("nc_cookbook_import_recipe", "url", "ftp://x")).contains("'url' must be an http");
    }

    @Test
    void searchCategoriesAndKeywords() {
        create("Tomato Pasta", "category", "Pasta dishes", "keywords", List.of("tomato", "quicklunch"));
        create("Tomato Salad", "keywords", List.of("tomato", "cold"));
        assertThat(names(stack.ok("nc_cookbook_search_recipes", "query", "tomato"))).contains("Tomato Pasta", "Tomato Salad");
        assertThat(names(stack.ok("nc_cookbook_search_recipes", "query", "no-such-word-xyz"))).isEmpty();

        Map<String, Object> categories = stack.ok("nc_cookbook_list_categories");
        assertThat(list(categories, "categories")).contains(Map.of("name", "Pasta dishes", "recipeCount", 1));
        assertThat(((Number) categories.get("uncategorized")).intValue()).isPositive();
        assertThat(names(stack.ok("nc_cookbook_list_category_recipes", "category", "Pasta dishes")))
                .containsExactly("Tomato Pasta");
        assertThat(names(stack.ok("nc_cookbook_list_category_recipes", "category", ""))).contains("Tomato Salad")
                .doesNotContain("Tomato Pasta");
        assertThat(names(stack.ok("nc_cookbook_list_category_recipes", "category", "No such category"))).isEmpty();

        assertThat(list(stack.ok("nc_cookbook_list_keywords"), "keywords"))
                .contains(Map.of("name", "quicklunch", "recipeCount", 1));
        assertThat(names(stack.ok("nc_cookbook_find_by_keywords", "keywords", List.of("tomato", "cold"))))
                .containsExactly("Tomato Salad");
        assertThat(names(stack.ok("nc_cookbook_find_by_keywords", "keywords", List.of("tomato", "nope")))).isEmpty();
        assertThat(stack.error("nc_cookbook_find_by_keywords", "keywords", List.of())).contains("'keywords'");
    }

    @Test
    void settingsChangeOnlyWhatIsGivenAndReindexConfirms() {
        Map<String, Object> config = stack.ok("nc_cookbook_set_config", "updateInterval", 15);
        assertThat(config).containsEntry("updateInterval", 15).containsEntry("folder", "/Recipes")
                .containsEntry("printImage", true);
        assertThat(stack.ok("nc_cookbook_set_config", "printImage", false)).containsEntry("updateInterval", 15)
                .containsEntry("printImage", false);
        assertThat(stack.error("nc_cookbook_set_config")).contains("nothing to change");
        assertThat(stack.error("nc_cookbook_set_config", "folder", "/../other")).contains("'folder' must be a folder path");
        assertThat(stack.ok("nc_cookbook_reindex")).containsEntry("done", true)
                .containsEntry("message", "Search index rebuilt successfully");
    }
}
