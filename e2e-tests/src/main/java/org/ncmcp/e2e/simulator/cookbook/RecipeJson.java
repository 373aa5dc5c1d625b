package org.ncmcp.e2e.simulator.cookbook;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Cookbook's {@code JSONFilter} chain does to a recipe before storing or answering it (nextcloud/cookbook
 * {@code lib/Helper/Filter/JSON/*}): schema.org {@code @context}/{@code @type}, the id as a string, keywords as one
 * comma list, a string category, an integer yield, string lists for tools, ingredients and instructions, durations
 * as {@code PT%dH%dM%dS}, and empty nutrition as the PHP empty array {@code []}, not an object.
 */
final class RecipeJson {

    private static final Pattern ISO_DURATION =
            Pattern.compile("^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$");
    private static final Pattern HOURS_MINUTES = Pattern.compile("^(\\d+):(\\d{1,2})$");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private RecipeJson() {
    }

    static ObjectNode normalise(ObjectNode json) {
        ObjectNode recipe = json.deepCopy();
        recipe.put("@context", "http://schema.org");
        recipe.put("@type", "Recipe");
        if (recipe.has("id") && !recipe.get("id").isNull()) {
            recipe.put("id", recipe.get("id").asString());
        }
        JsonNode category = recipe.path("recipeCategory");
        if (category.isArray()) {
            category = category.path(0);
        }
        recipe.put("recipeCategory", category.isString() ? category.asString().trim() : "");
        recipe.set("recipeYield", servings(recipe.path("recipeYield")));
        recipe.put("keywords", keywords(recipe.path("keywords")));
        for (String list : new String[] {"tool", "recipeIngredient", "recipeInstructions"}) {
            recipe.set(list, strings(recipe.path(list)));
        }
        for (String text : new String[] {"description", "url", "image"}) {
            if (!recipe.path(text).isString()) {
                recipe.put(text, "");
            }
        }
        for (String time : new String[] {"prepTime", "cookTime", "totalTime"}) {
            String duration = duration(recipe.path(time));
            if (duration == null) {
                recipe.putNull(time);
            } else {
                recipe.put(time, duration);
            }
        }
        JsonNode nutrition = recipe.path("nutrition");
        if (!nutrition.isObject() || nutrition.isEmpty()) {
            // PHP serialises an empty array as [], so a recipe without nutrition has "nutrition": [].
            recipe.set("nutrition", JsonNodeFactory.instance.arrayNode());
        }
        return recipe;
    }

    static Set<String> keywordSet(JsonNode recipe) {
        Set<String> keywords = new LinkedHashSet<>();
        for (String keyword : recipe.path("keywords").asString("").split(",")) {
            if (!keyword.isBlank()) {
                keywords.add(keyword.trim());
            }
        }
        return keywords;
    }

    private static JsonNode servings(JsonNode value) {
        if (value.isArray() && value.size() == 1) {
            value = value.get(0);
        }
        if (value.isIntegralNumber()) {
            return value;
        }
        if (value.isNumber()) {
            return JsonNodeFactory.instance.numberNode(value.asInt());
        }
        if (value.isMissingNode() || value.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        // Cookbook takes the highest number in the text ("4-6 servings" → 6) and falls back to 1.
        Matcher digits = DIGITS.matcher(value.isArray() ? value.toString() : value.asString());
        long highest = -1;
        while (digits.find()) {
            highest = Math.max(highest, Long.parseLong(digits.group()));
        }
        return JsonNodeFactory.instance.numberNode(highest < 0 ? 1 : (int) highest);
    }

    private static String keywords(JsonNode value) {
        Set<String> keywords = new LinkedHashSet<>();
        if (value.isString()) {
            for (String keyword : value.asString().split(",")) {
                keywords.add(keyword.trim().replaceAll("\\s+", " "));
            }
        } else if (value.isArray()) {
            value.forEach(keyword -> keywords.add(keyword.asString().trim().replaceAll("\\s+", " ")));
        }
        keywords.remove("");
        return String.join(",", keywords);
    }

    private static ArrayNode strings(JsonNode value) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        if (value.isString() && !value.asString().isBlank()) {
            list.add(value.asString().trim());
        } else if (value.isArray()) {
            value.forEach(item -> {
                String text = item.isObject() ? item.path("text").asString("") : item.asString("");
                if (!text.isBlank()) {
                    list.add(text.trim());
                }
            });
        }
        return list;
    }

    private static String duration(JsonNode value) {
        if (!value.isString()) {
            return null;
        }
        String text = value.asString().trim();
        Matcher iso = ISO_DURATION.matcher(text);
        if (iso.matches()) {
            long hours = number(iso.group(6));
            long minutes = number(iso.group(7));
            long seconds = number(iso.group(8));
            minutes += seconds / 60;
            hours += minutes / 60;
            return "PT" + hours + "H" + minutes % 60 + "M" + seconds % 60 + "S";
        }
        Matcher hm = HOURS_MINUTES.matcher(text);
        return hm.matches() ? "PT" + Long.parseLong(hm.group(1)) + "H" + Long.parseLong(hm.group(2)) + "M" : null;
    }

    private static long number(String part) {
        return part == null ? 0 : Long.parseLong(part.substring(0, part.length() - 1));
    }
}
