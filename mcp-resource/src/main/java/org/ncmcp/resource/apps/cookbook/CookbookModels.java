package org.ncmcp.resource.apps.cookbook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Cookbook's answers as its API v1 sends them (nextcloud-api.md §1.5, {@code objects.yaml}). */
public final class CookbookModels {

    private CookbookModels() {
    }

    /**
     * A recipe in a listing. {@code id} is a string in Cookbook ≥ 0.10 and {@code recipe_id} the deprecated integer;
     * either may be missing on some versions, so {@link #recipeId()} reads whichever is there.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecipeStub(String id, @JsonProperty("recipe_id") Long legacyId, String name, String keywords,
            String category, String dateCreated, String dateModified) {

        public long recipeId() {
            if (id != null && id.matches("\\d{1,18}")) {
                return Long.parseLong(id);
            }
            return legacyId == null ? 0 : legacyId;
        }

        /** The comma-separated keywords as a list, without empty entries. */
        public List<String> keywordList() {
            return keywords == null ? List.of()
                    : Arrays.stream(keywords.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
        }
    }

    /** A category or keyword with how many recipes carry it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NameCount(String name, @JsonProperty("recipe_count") int recipeCount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CookbookConfig(String folder, @JsonProperty("update_interval") Integer updateInterval,
            @JsonProperty("print_image") Boolean printImage, Map<String, Boolean> visibleInfoBlocks) {
    }
}
