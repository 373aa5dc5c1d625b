package org.ncmcp.e2e.simulator.cookbook;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores the recipes a contract fixture's {@code given.cookbook} lists ({@code {"recipes":[<schema.org Recipe>…]}})
 * as {@code Recipes/<name>/recipe.json} files, as Cookbook would, and names their (folder) ids {@code recipeN.id}.
 */
public final class CookbookSeed {

    private CookbookSeed() {
    }

    public static void seed(SimulatorState state, String owner, JsonNode given, BiConsumer<String, Object> placeholder) {
        int index = 0;
        for (JsonNode recipe : given.path("recipes")) {
            ObjectNode stored = RecipeJson.normalise((ObjectNode) recipe);
            stored.put("dateCreated", "2025-11-01T10:00:00+0000");
            stored.put("dateModified", "2025-11-01T10:00:00+0000");
            String folder = "Recipes/" + recipe.path("name").asString();
            state.createFile(owner, folder + "/recipe.json", stored.toString().getBytes(StandardCharsets.UTF_8),
                    "application/json");
            // the recipe id is its folder's file id
            placeholder.accept("recipe" + index++ + ".id", state.files().node(owner, folder).orElseThrow().id());
        }
    }
}
