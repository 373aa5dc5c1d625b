package org.ncmcp.model.tool;

import static org.ncmcp.model.scope.NextcloudApp.COOKBOOK;

import java.util.List;
import org.ncmcp.model.scope.Scope;

/**
 * The cookbook tools of the catalogue (name, title, scope, hints). Kept in a file of its own so each
 * app's tools can be added without touching the others; {@link ToolCatalogue} indexes them all.
 */
public final class CookbookCatalogue {

    /** Settings and the search index: nothing is lost, and repeating the call changes nothing more. */
    private static final ToolHints HOUSEKEEPING = new ToolHints(false, false, true, false);

    /** Nextcloud downloads the page from the internet: an open world, and each import adds a recipe. */
    public static final ToolInfo IMPORT_RECIPE = write("nc_cookbook_import_recipe", "Import recipe from URL",
            ToolHints.additive().withOpenWorld());
    public static final ToolInfo LIST_RECIPES = read("nc_cookbook_list_recipes", "List recipes");
    public static final ToolInfo GET_RECIPE = read("nc_cookbook_get_recipe", "Get recipe");
    public static final ToolInfo CREATE_RECIPE = write("nc_cookbook_create_recipe", "Create recipe",
            ToolHints.additive());
    public static final ToolInfo UPDATE_RECIPE = write("nc_cookbook_update_recipe", "Update recipe",
            ToolHints.update());
    public static final ToolInfo DELETE_RECIPE = write("nc_cookbook_delete_recipe", "Delete recipe",
            ToolHints.delete());
    public static final ToolInfo SEARCH_RECIPES = read("nc_cookbook_search_recipes", "Search recipes");
    public static final ToolInfo LIST_CATEGORIES = read("nc_cookbook_list_categories", "List recipe categories");
    public static final ToolInfo LIST_CATEGORY_RECIPES = read("nc_cookbook_list_category_recipes",
            "List recipes in category");
    public static final ToolInfo LIST_KEYWORDS = read("nc_cookbook_list_keywords", "List recipe keywords");
    public static final ToolInfo FIND_BY_KEYWORDS = read("nc_cookbook_find_by_keywords", "Find recipes by keywords");
    public static final ToolInfo SET_CONFIG = write("nc_cookbook_set_config", "Set Cookbook settings", HOUSEKEEPING);
    public static final ToolInfo REINDEX = write("nc_cookbook_reindex", "Rebuild Cookbook search index",
            HOUSEKEEPING);

    /** Every cookbook tool, in the order they are listed. */
    public static final List<ToolInfo> TOOLS = List.of(IMPORT_RECIPE, LIST_RECIPES, GET_RECIPE, CREATE_RECIPE,
            UPDATE_RECIPE, DELETE_RECIPE, SEARCH_RECIPES, LIST_CATEGORIES, LIST_CATEGORY_RECIPES, LIST_KEYWORDS,
            FIND_BY_KEYWORDS, SET_CONFIG, REINDEX);

    private CookbookCatalogue() {
    }

    private static ToolInfo read(String name, String title) {
        return new ToolInfo(name, title, Scope.read(COOKBOOK), ToolHints.read());
    }

    private static ToolInfo write(String name, String title, ToolHints hints) {
        return new ToolInfo(name, title, Scope.write(COOKBOOK), hints);
    }
}
