package org.ncmcp.resource.apps.cookbook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncmcp.model.tool.CookbookCatalogue;
import org.ncmcp.resource.apps.cookbook.CookbookModels.CookbookConfig;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.CategoryInput;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.CategoryList;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.ConfigView;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.CreateRecipeInput;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.Deleted;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.ImportInput;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.KeywordList;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.KeywordsInput;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.NoInput;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.RecipeDetails;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.RecipeIdInput;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.RecipeList;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.Reindexed;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.SearchInput;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.SetConfigInput;
import org.ncmcp.resource.apps.cookbook.CookbookToolModels.UpdateRecipeInput;
import org.ncmcp.resource.tool.InvalidToolInputException;
import org.ncmcp.resource.tool.NextcloudTool;
import org.ncmcp.resource.tool.ToolSet;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The 13 Cookbook tools: recipes (import, list, get, create, update, delete, search), categories, keywords, settings. */
public class CookbookTools implements ToolSet {

    /** Characters Cookbook replaces by {@code _} when it names a recipe's folder (RecipeNameHelper). */
    private static final String UNSAFE_IN_FOLDER = "[/:?!\"\\\\'|&^#]";

    private final CookbookClient cookbook;
    private final JsonMapper json;

    public CookbookTools(CookbookClient cookbook, JsonMapper json) {
        this.cookbook = cookbook;
        this.json = json;
    }

    @Override
    public List<NextcloudTool<?, ?>> tools() {
        return List.of(
                NextcloudTool.of(CookbookCatalogue.IMPORT_RECIPE, "Import a recipe from a web page into Cookbook:"
                        + " Nextcloud downloads the page and stores its schema.org recipe (name, ingredients, steps,"
                        + " times, image).", ImportInput.class, RecipeDetails.class,
                        input -> RecipeDetails.of(cookbook.importRecipe(input.url().trim()))),
                NextcloudTool.of(CookbookCatalogue.LIST_RECIPES, "List all your recipes by name, with category and"
                        + " keywords.", NoInput.class, RecipeList.class, input -> RecipeList.of(cookbook.listRecipes())),
                NextcloudTool.of(CookbookCatalogue.GET_RECIPE, "Read a recipe: description, servings, times,"
                        + " ingredients, steps, tools, nutrition.", RecipeIdInput.class, RecipeDetails.class,
                        input -> RecipeDetails.of(cookbook.getRecipe(input.recipeId()))),
                NextcloudTool.of(CookbookCatalogue.CREATE_RECIPE, "Create a recipe. Its name must be unique in your"
                        + " Cookbook.", CreateRecipeInput.class, RecipeDetails.class, this::createRecipe),
                NextcloudTool.of(CookbookCatalogue.UPDATE_RECIPE, "Change a recipe. Only the fields you give change;"
                        + " everything else (also fields this tool does not show) is kept. Lists you give replace the"
                        + " old list.", UpdateRecipeInput.class, RecipeDetails.class, this::updateRecipe),
                NextcloudTool.of(CookbookCatalogue.DELETE_RECIPE, "Delete a recipe and its folder (with its image).",
                        RecipeIdInput.class, Deleted.class, this::deleteRecipe),
                NextcloudTool.of(CookbookCatalogue.SEARCH_RECIPES, "Find recipes whose name, category or keywords"
                        + " contain any of the words.", SearchInput.class, RecipeList.class,
                        input -> RecipeList.of(cookbook.search(input.query().trim()))),
                NextcloudTool.of(CookbookCatalogue.LIST_CATEGORIES, "List the recipe categories with how many recipes"
                        + " each has, and how many recipes have none.", NoInput.class, CategoryList.class,
                        input -> CategoryList.of(cookbook.categories())),
                NextcloudTool.of(CookbookCatalogue.LIST_CATEGORY_RECIPES, "List the recipes of one category (or,"
                        + " with an empty category, those without one).", CategoryInput.class, RecipeList.class,
                        input -> RecipeList.of(cookbook.recipesInCategory(input.category().trim()))),
                NextcloudTool.of(CookbookCatalogue.LIST_KEYWORDS, "List the recipe keywords (tags) with how many"
                        + " recipes carry each.", NoInput.class, KeywordList.class,
                        input -> KeywordList.of(cookbook.keywords())),
                NextcloudTool.of(CookbookCatalogue.FIND_BY_KEYWORDS, "List the recipes that carry all of the given"
                        + " keywords.", KeywordsInput.class, RecipeList.class,
                        input -> RecipeList.of(cookbook.recipesWithKeywords(
                                input.keywords().stream().map(String::trim).toList()))),
                NextcloudTool.of(CookbookCatalogue.SET_CONFIG, "Change Cookbook settings: the recipe folder, the"
                        + " rescan interval, printing images. Settings you omit stay as they are; the result shows"
                        + " all settings.", SetConfigInput.class, ConfigView.class, this::setConfig),
                NextcloudTool.of(CookbookCatalogue.REINDEX, "Rebuild Cookbook's search index from the recipe files,"
                        + " e.g. after recipes were added or edited as files.", NoInput.class, Reindexed.class,
                        input -> new Reindexed(true, cookbook.reindex())));
    }

    private RecipeDetails createRecipe(CreateRecipeInput input) {
        ObjectNode recipe = json.createObjectNode();
        recipe.put("@type", "Recipe");
        recipe.put("name", input.name().trim());
        apply(recipe, input.description(), input.category(), input.keywords(), input.servings(), input.prepTime(),
                input.cookTime(), input.totalTime(), input.ingredients(), input.instructions(), input.tools(),
                input.url());
        long id = cookbook.createRecipe(recipe);
        return RecipeDetails.of(cookbook.getRecipe(id));
    }

    /** Read, merge, write: Cookbook's PUT stores the body as the whole recipe, so it starts from the stored one. */
    private RecipeDetails updateRecipe(UpdateRecipeInput input) {
        ObjectNode recipe = cookbook.getRecipe(input.recipeId());
        if (input.name() != null) {
            String name = input.name().trim();
            if (name.isEmpty()) {
                throw new InvalidToolInputException("'name' must not be blank.");
            }
            if (!folderName(name).equals(folderName(recipe.path("name").asString("")))) {
                boolean taken = cookbook.listRecipes().stream().anyMatch(other -> other.recipeId() != input.recipeId()
                        && folderName(other.name() == null ? "" : other.name()).equals(folderName(name)));
                if (taken) {
                    // Cookbook would fail with a server error here; say what is wrong before writing anything.
                    throw CookbookClient.nameTaken(name, null);
                }
            }
            recipe.put("name", name);
        }
        apply(recipe, input.description(), input.category(), input.keywords(), input.servings(), input.prepTime(),
                input.cookTime(), input.totalTime(), input.ingredients(), input.instructions(), input.tools(),
                input.url());
        cookbook.updateRecipe(input.recipeId(), recipe);
        return RecipeDetails.of(cookbook.getRecipe(input.recipeId()));
    }

    private Deleted deleteRecipe(RecipeIdInput input) {
        String name = cookbook.getRecipe(input.recipeId()).path("name").asString("");
        cookbook.deleteRecipe(input.recipeId());
        return new Deleted(input.recipeId(), name, true);
    }

    private ConfigView setConfig(SetConfigInput input) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (input.folder() != null) {
            String folder = input.folder().trim();
            changes.put("folder", folder.startsWith("/") ? folder : "/" + folder);
        }
        if (input.updateInterval() != null) {
            changes.put("update_interval", input.updateInterval());
        }
        if (input.printImage() != null) {
            changes.put("print_image", input.printImage());
        }
        if (changes.isEmpty()) {
            throw new InvalidToolInputException("nothing to change: give folder, updateInterval or printImage.");
        }
        cookbook.setConfig(changes);
        CookbookConfig config = cookbook.getConfig();
        return new ConfigView(CookbookToolModels.nullToEmpty(config.folder()),
                config.updateInterval() == null ? 0 : config.updateInterval(), Boolean.TRUE.equals(config.printImage()),
                config.visibleInfoBlocks() == null ? Map.of() : config.visibleInfoBlocks());
    }

    private static void apply(ObjectNode recipe, String description, String category, List<String> keywords,
            Integer servings, String prepTime, String cookTime, String totalTime, List<String> ingredients,
            List<String> instructions, List<String> tools, String url) {
        putText(recipe, "description", description);
        putText(recipe, "recipeCategory", category == null ? null : category.trim());
        if (keywords != null) {
            recipe.put("keywords", String.join(",", keywords.stream().map(k -> k.trim().replace(",", " ")).toList()));
        }
        if (servings != null) {
            recipe.put("recipeYield", servings);
        }
        putText(recipe, "prepTime", prepTime);
        putText(recipe, "cookTime", cookTime);
        putText(recipe, "totalTime", totalTime);
        putList(recipe, "recipeIngredient", ingredients);
        putList(recipe, "recipeInstructions", instructions);
        putList(recipe, "tool", tools);
        putText(recipe, "url", url);
    }

    private static void putText(ObjectNode recipe, String field, String value) {
        if (value != null) {
            recipe.put(field, value);
        }
    }

    private static void putList(ObjectNode recipe, String field, List<String> values) {
        if (values != null) {
            ArrayNode list = recipe.putArray(field);
            values.forEach(value -> list.add(value.trim()));
        }
    }

    private static String folderName(String name) {
        return name.replaceAll(UNSAFE_IN_FOLDER, "_");
    }
}
