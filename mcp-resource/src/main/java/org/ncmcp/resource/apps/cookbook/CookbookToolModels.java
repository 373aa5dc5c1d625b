package org.ncmcp.resource.apps.cookbook;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncmcp.resource.apps.cookbook.CookbookModels.NameCount;
import org.ncmcp.resource.apps.cookbook.CookbookModels.RecipeStub;
import tools.jackson.databind.JsonNode;

/** Inputs and outputs of the Cookbook tools; their JSON schemas are generated from these records. */
final class CookbookToolModels {

    /** ISO-8601 durations as Cookbook stores them (PT1H30M, PT0H15M0S), or the H:MM form it also accepts. */
    static final String DURATION = "(P(T(\\d+H)?(\\d+M)?(\\d+S)?)|\\d+:\\d{1,2})?";
    private static final String WEB_URL = "https?://\\S+";
    /** A path inside the user's files: no '..' segment, none of the characters Nextcloud refuses in names. */
    private static final String FOLDER = "(?!.*(^|/)\\.\\.(/|$))/?[^\\\\:*?\"<>|]{1,200}";

    private CookbookToolModels() {
    }

    // --- inputs ----------------------------------------------------------------------------------

    record NoInput() {
    }

    record RecipeIdInput(
            @Schema(description = "The recipe's id, from nc_cookbook_list_recipes or nc_cookbook_search_recipes.",
                    example = "1234") @Positive long recipeId) {
    }

    record ImportInput(
            @Schema(description = "Address of a web page with a recipe (sites with schema.org recipe data, as most"
                    + " recipe sites have). Nextcloud downloads it.", example = "https://www.example.com/recipes/pancakes")
            @NotBlank @Size(max = 2048) @Pattern(regexp = WEB_URL, message = "must be an http:// or https:// address")
            String url) {
    }

    record CreateRecipeInput(
            @Schema(description = "Name of the recipe; unique in your Cookbook (it names the recipe's folder).",
                    example = "Pancakes") @NotBlank @Size(max = 200) String name,
            @Schema(description = "Short description.", example = "Fluffy Sunday pancakes",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 10000) String description,
            @Schema(description = "Category, e.g. Breakfast or Dinner.", example = "Breakfast",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 100) String category,
            @Schema(description = "Keywords (tags), e.g. [\"vegetarian\", \"quick\"].",
                    requiredMode = RequiredMode.NOT_REQUIRED) List<@NotBlank @Size(max = 100) String> keywords,
            @Schema(description = "Number of servings.", example = "4", requiredMode = RequiredMode.NOT_REQUIRED)
            @Min(1) Integer servings,
            @Schema(description = "Preparation time as an ISO-8601 duration.", example = "PT15M",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Pattern(regexp = DURATION) String prepTime,
            @Schema(description = "Cooking time as an ISO-8601 duration.", example = "PT1H",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Pattern(regexp = DURATION) String cookTime,
            @Schema(description = "Total time as an ISO-8601 duration.", example = "PT1H15M",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Pattern(regexp = DURATION) String totalTime,
            @Schema(description = "Ingredients, one per entry, e.g. [\"2 eggs\", \"250 ml milk\"].",
                    requiredMode = RequiredMode.NOT_REQUIRED) List<@NotBlank String> ingredients,
            @Schema(description = "Steps, one per entry, in order.", requiredMode = RequiredMode.NOT_REQUIRED)
            List<@NotBlank String> instructions,
            @Schema(description = "Tools needed, e.g. [\"frying pan\"].", requiredMode = RequiredMode.NOT_REQUIRED)
            List<@NotBlank String> tools,
            @Schema(description = "Where the recipe comes from.", example = "https://www.example.com/recipes/pancakes",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 2048) String url) {
    }

    record UpdateRecipeInput(
            @Schema(description = "The recipe's id.", example = "1234") @Positive long recipeId,
            @Schema(description = "New name; omit to keep it. Must not be another recipe's name.",
                    example = "Buttermilk pancakes", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(min = 1, max = 200) String name,
            @Schema(description = "New description; omit to keep it, empty string to clear.",
                    example = "Fluffy Sunday pancakes", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 10000) String description,
            @Schema(description = "New category; omit to keep it, empty string for none.", example = "Breakfast",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 100) String category,
            @Schema(description = "The complete new keyword list, replacing the old; omit to keep it.",
                    requiredMode = RequiredMode.NOT_REQUIRED) List<@NotBlank @Size(max = 100) String> keywords,
            @Schema(description = "New number of servings; omit to keep it.", example = "6",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) Integer servings,
            @Schema(description = "New preparation time (ISO-8601 duration); omit to keep it.", example = "PT20M",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Pattern(regexp = DURATION) String prepTime,
            @Schema(description = "New cooking time (ISO-8601 duration); omit to keep it.", example = "PT30M",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Pattern(regexp = DURATION) String cookTime,
            @Schema(description = "New total time (ISO-8601 duration); omit to keep it.", example = "PT50M",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Pattern(regexp = DURATION) String totalTime,
            @Schema(description = "The complete new ingredient list, replacing the old; omit to keep it.",
                    requiredMode = RequiredMode.NOT_REQUIRED) List<@NotBlank String> ingredients,
            @Schema(description = "The complete new list of steps, replacing the old; omit to keep it.",
                    requiredMode = RequiredMode.NOT_REQUIRED) List<@NotBlank String> instructions,
            @Schema(description = "The complete new list of tools, replacing the old; omit to keep it.",
                    requiredMode = RequiredMode.NOT_REQUIRED) List<@NotBlank String> tools,
            @Schema(description = "New source address; omit to keep it.", example = "https://www.example.com/r/1",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 2048) String url) {
    }

    record SearchInput(
            @Schema(description = "Words to look for in names, categories and keywords; a recipe matching any word"
                    + " is listed.", example = "pasta tomato") @NotBlank @Size(max = 200) String query) {
    }

    record CategoryInput(
            @Schema(description = "The category's name, from nc_cookbook_list_categories; an empty string lists the"
                    + " recipes without a category.", example = "Dinner") @NotNull @Size(max = 100) String category) {
    }

    record KeywordsInput(
            @Schema(description = "Keywords, e.g. [\"vegetarian\", \"quick\"]; recipes carrying all of them are"
                    + " listed.") @NotEmpty @Size(max = 20) List<@NotBlank @Pattern(regexp = "[^,]+",
                    message = "must not contain a comma") String> keywords) {
    }

    record SetConfigInput(
            @Schema(description = "Folder in your files that holds the recipes, e.g. /Recipes. Recipes in the old"
                    + " folder stay there and are no longer listed.", example = "/Recipes",
                    requiredMode = RequiredMode.NOT_REQUIRED)
            @Pattern(regexp = FOLDER, message = "must be a folder path such as /Recipes, without '..'") String folder,
            @Schema(description = "Minutes between Cookbook's automatic rescans of the folder.", example = "10",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(0) Integer updateInterval,
            @Schema(description = "Whether printed recipes include the image.",
                    requiredMode = RequiredMode.NOT_REQUIRED) Boolean printImage) {
    }

    // --- outputs ---------------------------------------------------------------------------------

    record RecipeSummary(long id, String name, String category, List<String> keywords, String dateCreated,
            String dateModified) {

        static RecipeSummary of(RecipeStub stub) {
            return new RecipeSummary(stub.recipeId(), nullToEmpty(stub.name()), nullToEmpty(stub.category()),
                    stub.keywordList(), nullToEmpty(stub.dateCreated()), nullToEmpty(stub.dateModified()));
        }
    }

    record RecipeList(int count, List<RecipeSummary> recipes) {

        static RecipeList of(List<RecipeStub> stubs) {
            List<RecipeSummary> recipes = stubs.stream().map(RecipeSummary::of).toList();
            return new RecipeList(recipes.size(), recipes);
        }
    }

    /** Values Cookbook leaves unset come back as "" (texts) or 0 (servings), never null. */
    record RecipeDetails(long id, String name, String description, String category, List<String> keywords,
            @Schema(description = "Number of servings; 0 when the recipe does not say.") int servings,
            @Schema(description = "ISO-8601 duration, e.g. PT0H15M0S; empty when not given.") String prepTime,
            @Schema(description = "ISO-8601 duration; empty when not given.") String cookTime,
            @Schema(description = "ISO-8601 duration; empty when not given.") String totalTime,
            List<String> ingredients, List<String> instructions, List<String> tools, Map<String, String> nutrition,
            String url, String image, String dateCreated, String dateModified) {

        static RecipeDetails of(JsonNode recipe) {
            JsonNode servings = recipe.path("recipeYield");
            Map<String, String> nutrition = new LinkedHashMap<>();
            // Cookbook sends empty nutrition as [] (a PHP empty array), filled nutrition as an object.
            if (recipe.path("nutrition").isObject()) {
                recipe.path("nutrition").properties().forEach(e -> {
                    if (!e.getKey().startsWith("@") && e.getValue().isValueNode()) {
                        nutrition.put(e.getKey(), e.getValue().asString());
                    }
                });
            }
            return new RecipeDetails(idOf(recipe), text(recipe, "name"), text(recipe, "description"),
                    text(recipe, "recipeCategory"), keywordsOf(recipe),
                    servings.isNumber() ? servings.asInt() : 0, text(recipe, "prepTime"),
                    text(recipe, "cookTime"), text(recipe, "totalTime"), strings(recipe, "recipeIngredient"),
                    strings(recipe, "recipeInstructions"), strings(recipe, "tool"), nutrition, text(recipe, "url"),
                    text(recipe, "image"), text(recipe, "dateCreated"), text(recipe, "dateModified"));
        }
    }

    record NameCountView(String name, int recipeCount) {
    }

    record CategoryList(List<NameCountView> categories, int uncategorized) {

        /** Cookbook's {@code "*"} entry counts the recipes without a category; it is reported on its own. */
        static CategoryList of(List<NameCount> counts) {
            List<NameCountView> named = new ArrayList<>();
            int none = 0;
            for (NameCount count : counts) {
                if ("*".equals(count.name())) {
                    none = count.recipeCount();
                } else {
                    named.add(new NameCountView(count.name(), count.recipeCount()));
                }
            }
            return new CategoryList(named, none);
        }
    }

    record KeywordList(List<NameCountView> keywords) {

        static KeywordList of(List<NameCount> counts) {
            return new KeywordList(counts.stream().filter(c -> c.name() != null && !c.name().isEmpty())
                    .map(c -> new NameCountView(c.name(), c.recipeCount())).toList());
        }
    }

    record Deleted(long id, String name, boolean deleted) {
    }

    record ConfigView(String folder, int updateInterval, boolean printImage, Map<String, Boolean> visibleInfoBlocks) {
    }

    record Reindexed(boolean done, String message) {
    }

    // --- helpers ---------------------------------------------------------------------------------

    static long idOf(JsonNode recipe) {
        JsonNode id = recipe.path("id");
        return id.isIntegralNumber() || id.asString("").matches("\\d{1,18}") ? id.asLong() : 0;
    }

    static List<String> keywordsOf(JsonNode recipe) {
        return Arrays.stream(recipe.path("keywords").asString("").split(",")).map(String::trim)
                .filter(k -> !k.isEmpty()).toList();
    }

    private static List<String> strings(JsonNode recipe, String field) {
        List<String> out = new ArrayList<>();
        JsonNode value = recipe.path(field);
        if (value.isArray()) {
            value.forEach(item -> out.add(item.isObject() ? item.path("text").asString("") : item.asString("")));
        } else if (value.isString() && !value.asString().isBlank()) {
            out.add(value.asString());
        }
        return out;
    }

    private static String text(JsonNode recipe, String field) {
        JsonNode value = recipe.path(field);
        return value.isValueNode() && !value.isNull() ? value.asString() : "";
    }

    static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
