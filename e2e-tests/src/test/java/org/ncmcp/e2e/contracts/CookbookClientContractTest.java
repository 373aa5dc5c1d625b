package org.ncmcp.e2e.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.cookbook.CookbookClient;
import org.ncmcp.resource.apps.cookbook.CookbookModels.NameCount;
import org.ncmcp.resource.apps.cookbook.CookbookModels.RecipeStub;
import org.ncmcp.resource.credentials.SingleUserCredentialSource;
import org.ncmcp.resource.nextcloud.NextcloudAuthenticationException;
import org.ncmcp.resource.nextcloud.NextcloudBadRequestException;
import org.ncmcp.resource.nextcloud.NextcloudConflictException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProperties;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our Cookbook client against the Cookbook fixtures' responses (the same files {@link SimulatorContractTest} replays
 * against the simulator). Stub ids: recipe 0 is 501 (Spaghetti Carbonara), recipe 1 is 502 (Green Salad).
 */
class CookbookClientContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ContractStubServer stub;

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    private CookbookClient cookbook(String... fixtureIds) throws Exception {
        stub = new ContractStubServer(List.of(fixtureIds).stream().map(id -> ContractFixture.named("cookbook/" + id))
                .toList());
        stub.values().put("recipe0.id", 501L).put("recipe1.id", 502L);
        NextcloudProperties properties = new NextcloudProperties(URI.create(stub.baseUrl()), "alice", "stub-app-password",
                Duration.ofSeconds(2), Duration.ofSeconds(5), 10, new NextcloudProperties.Retry(1, Duration.ofMillis(1),
                        Duration.ofSeconds(1)));
        NextcloudHttpClient http = new NextcloudHttpClient(properties,
                new SingleUserCredentialSource("alice", "stub-app-password"), wait -> { }, Clock.systemUTC());
        return new CookbookClient(http, JSON);
    }

    private static ObjectNode recipe(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void listsStubsWithStringIdsKeywordsAndCategory() throws Exception {
        List<RecipeStub> recipes = cookbook("recipes-list").listRecipes();
        assertThat(recipes).extracting(RecipeStub::name).containsExactly("Green Salad", "Spaghetti Carbonara");
        RecipeStub carbonara = recipes.get(1);
        assertThat(carbonara.recipeId()).isEqualTo(501);
        assertThat(carbonara.keywordList()).containsExactly("pasta", "quick");
        assertThat(carbonara.category()).isEqualTo("Dinner");
        assertThat(recipes.get(0).category()).isNull();
    }

    @Test
    void readsARecipeAndAMissingOneIsNotFound() throws Exception {
        ObjectNode recipe = cookbook("recipe-get").getRecipe(501);
        assertThat(recipe.path("name").asString()).isEqualTo("Spaghetti Carbonara");
        assertThat(recipe.path("nutrition").isArray()).isTrue();
        assertThatThrownBy(() -> cookbook("recipe-get-missing").getRecipe(999999))
                .isInstanceOf(NextcloudNotFoundException.class).hasMessageContaining("Recipe 999999 does not exist");
    }

    @Test
    void createAnswersTheBareIdAndNamesAClashOrAMissingName() throws Exception {
        assertThat(cookbook("recipe-create").createRecipe(recipe("{\"name\":\"Pancakes\"}"))).isEqualTo(101);
        assertThatThrownBy(() -> cookbook("recipe-create-exists").createRecipe(recipe("{\"name\":\"Green Salad\"}")))
                .isInstanceOf(NextcloudConflictException.class).hasMessageContaining("named 'Green Salad'");
        assertThatThrownBy(() -> cookbook("recipe-create-without-name").createRecipe(recipe("{}")))
                .isInstanceOf(NextcloudBadRequestException.class).hasMessageContaining("needs a name");
    }

    @Test
    void updateAnswersTheBareId() throws Exception {
        assertThat(cookbook("recipe-update").updateRecipe(501, recipe("{\"name\":\"Spaghetti Carbonara\"}")))
                .isEqualTo(101);
    }

    @Test
    void deleteAndTheBadGatewayForAMissingRecipe() throws Exception {
        CookbookClient deleting = cookbook("recipe-delete");
        assertThatCode(() -> deleting.deleteRecipe(501)).doesNotThrowAnyException();
        assertThatThrownBy(() -> cookbook("recipe-delete-missing").deleteRecipe(999999))
                .isInstanceOf(NextcloudNotFoundException.class).hasMessageContaining("Recipe 999999 does not exist");
    }

    @Test
    void aFailedImportSaysWhyItMayHaveFailed() throws Exception {
        assertThatThrownBy(() -> cookbook("import-unreachable-url").importRecipe("https://recipes.example/none"))
                .isInstanceOf(NextcloudBadRequestException.class)
                .hasMessageContaining("could not import a recipe from https://recipes.example/none");
    }

    @Test
    void searchCategoriesAndKeywords() throws Exception {
        assertThat(cookbook("search").search("carbonara")).extracting(RecipeStub::name)
                .containsExactly("Spaghetti Carbonara");
        assertThat(cookbook("categories").categories()).extracting(NameCount::name, NameCount::recipeCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Dinner", 1),
                        org.assertj.core.groups.Tuple.tuple("*", 1));
        assertThat(cookbook("category-recipes").recipesInCategory("Dinner")).hasSize(1);
        assertThat(cookbook("category-none").recipesInCategory("")).extracting(RecipeStub::name)
                .containsExactly("Green Salad");
        assertThat(cookbook("keywords").keywords()).extracting(NameCount::name)
                .containsExactly("pasta", "quick", "vegetarian");
        assertThat(cookbook("tags").recipesWithKeywords(List.of("quick", "vegetarian"))).extracting(RecipeStub::name)
                .containsExactly("Green Salad");
    }

    @Test
    void configAndReindex() throws Exception {
        assertThat(cookbook("config-get").getConfig().folder()).isEqualTo("/Recipes");
        CookbookClient setting = cookbook("config-set");
        assertThatCode(() -> setting.setConfig(Map.of("update_interval", 10))).doesNotThrowAnyException();
        assertThat(cookbook("reindex").reindex()).isEqualTo("Search index rebuilt successfully");
    }

    @Test
    void revokedAppPasswordIsACredentialsError() throws Exception {
        assertThatThrownBy(() -> cookbook("revoked-app-password").listRecipes())
                .isInstanceOf(NextcloudAuthenticationException.class);
    }
}
