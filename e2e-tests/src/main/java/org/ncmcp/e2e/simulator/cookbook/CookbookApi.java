package org.ncmcp.e2e.simulator.cookbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncmcp.e2e.simulator.files.FileTree;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import org.ncmcp.e2e.simulator.state.Caller;
import org.ncmcp.e2e.simulator.state.SimFile;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Cookbook API v1 (nextcloud-api.md §1.5; nextcloud/cookbook {@code appinfo/routes.php},
 * {@code lib/Controller/Implementation/*}, {@code docs/dev/api/0.1.3/openapi-cookbook.yaml}). Recipes are files:
 * {@code <folder>/<name>/recipe.json} in the user's tree (default folder {@code /Recipes}), so Files and shares see
 * them, and WebDAV too when sabre/dav is attached. The recipe id is the folder's file id, as in Cookbook. Like
 * Cookbook's database cache, listings, search, categories and keywords know only the recipes seen at the last index:
 * a recipe folder made through WebDAV shows up after {@code POST reindex}, or once {@code update_interval} minutes
 * have passed since the last index ({@code DbCacheService::triggerCheck}); a recipe by id is read from the files.
 * Quirks on purpose: create and update answer a bare integer id, a missing recipe is 404 with the bare id as body,
 * deleting a missing one is a 502 with a message string, errors are {@code {msg,file,line}} or plain JSON strings,
 * a PUT takes the recipe to change from the body's {@code id}, not from the path (without one it creates), and
 * empty nutrition is {@code []}. Import never reaches the internet: pages are registered with
 * {@link #registerPage}; any other URL fails as a download answering 404 would.
 */
public final class CookbookApi {

    private static final String PREFIX = "(?:/index\\.php)?/apps/cookbook";
    private static final String API = PREFIX + "/api/v1";
    private static final DateTimeFormatter ISO8601 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(ZoneOffset.UTC);
    /** Characters Cookbook's {@code RecipeNameHelper} replaces by {@code _} in folder names. */
    private static final Pattern UNSAFE = Pattern.compile("[/:?!\"\\\\'|&^#]");
    private static final Pattern LD_JSON = Pattern.compile(
            "<script[^>]*type=[\"']application/ld\\+json[\"'][^>]*>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private final SimulatorState state;
    private final JsonMapper json;
    private final boolean testHooks;
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> configs = new ConcurrentHashMap<>();
    private final Map<String, RecipeIndex> indexes = new ConcurrentHashMap<>();

    /** What Cookbook's database knows of one user's recipes: their folder ids and when it last looked. */
    private record RecipeIndex(Set<Long> folderIds, Instant indexedAt) {
    }

    public CookbookApi(SimulatorState state, JsonMapper json, boolean testHooks) {
        this.state = state;
        this.json = json;
        this.testHooks = testHooks;
    }

    public void register(Router router) {
        router.on("GET", PREFIX + "/api/version", ex -> handle(ex, c -> version()))
                .on("GET", API + "/recipes", ex -> handle(ex, c -> stubs(c, recipes(c.user()))))
                .on("POST", API + "/recipes", ex -> handle(ex, this::create))
                .on("GET", API + "/recipes/([^/]+)", ex -> handle(ex, this::show))
                .on("PUT", API + "/recipes/([^/]+)", ex -> handle(ex, this::update))
                .on("DELETE", API + "/recipes/([^/]+)", ex -> handle(ex, this::destroy))
                .on("POST", API + "/import", ex -> handle(ex, this::importUrl))
                .on("GET", API + "/search/([^/]+)", ex -> handle(ex, this::search))
                .on("GET", API + "/categories", ex -> handle(ex, this::categories))
                .on("GET", API + "/category/([^/]+)", ex -> handle(ex, this::inCategory))
                .on("GET", API + "/keywords", ex -> handle(ex, this::keywords))
                .on("GET", API + "/tags/([^/]+)", ex -> handle(ex, this::withKeywords))
                .on("GET", API + "/config", ex -> handle(ex, c -> config(c.user())))
                .on("POST", API + "/config", ex -> handle(ex, this::setConfig))
                .on("POST", API + "/reindex", ex -> handle(ex, this::reindex));
        if (testHooks) {
            router.on("POST", "/__test/cookbook/pages", this::testRegisterPage);
        }
    }

    /** Makes {@code url} importable: its "download" answers {@code html} (which should hold schema.org JSON-LD). */
    public void registerPage(String url, String html) {
        pages.put(url, html);
    }

    // --- handlers --------------------------------------------------------------------------------

    private Object version() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cookbook_version", List.of(0, 11, 3));
        out.put("api_version", Map.of("epoch", 0, "major", 1, "minor", 2));
        return out;
    }

    private Object create(Call call) {
        ObjectNode body = call.body();
        body.remove("id");
        return store(call.user(), body, null);
    }

    private Object show(Call call) {
        long id = pathId(call);
        Recipe recipe = recipe(call.user(), id).orElseThrow(() -> new CookbookException(404, id));
        ObjectNode out = recipe.json().deepCopy();
        out.put("printImage", config(call.user()).path("print_image").asBoolean(true));
        out.put("imageUrl", "/index.php/apps/cookbook/webapp/recipes/" + id + "/image?size=full");
        return out;
    }

    /** {@code RecipeImplementation::update($id)} never reads {@code $id}: the body's id says which recipe changes. */
    private Object update(Call call) {
        ObjectNode body = call.body();
        String bodyId = body.path("id").isMissingNode() || body.path("id").isNull() ? "" : body.path("id").asString();
        Long target = null;
        if (!bodyId.isEmpty() && !bodyId.equals("0")) {
            target = parseId(bodyId);
            if (target == null || recipe(call.user(), target).isEmpty()) {
                throw new CookbookException(500, "Unexpected node received for recipe folder.");
            }
        }
        try {
            return store(call.user(), body, target);
        } catch (CookbookException exists) {
            // Only create() catches RecipeExistsException; in update() it escapes as a server error.
            throw exists.status() == 409 ? new CookbookException(500, "Another recipe with that name already exists")
                    : exists;
        }
    }

    private Object destroy(Call call) {
        long id = pathId(call);
        synchronized (state.notesLock()) {
            Recipe recipe = recipe(call.user(), id)
                    .orElseThrow(() -> new CookbookException(502, "Recipe with id " + id + " was not found."));
            state.files().delete(recipe.folder().id());
            forget(call.user(), id);
        }
        return "Recipe " + id + " deleted successfully";
    }

    private Object importUrl(Call call) {
        JsonNode url = call.body().path("url");
        if (url.isMissingNode() || url.isNull()) {
            throw new CookbookException(400, "Field \"url\" is required");
        }
        String html = pages.get(url.asString());
        if (html == null) {
            throw new CookbookException(400, "Download from " + url.asString()
                    + " failed as HTTP status code 404 is not in expected range.");
        }
        ObjectNode recipe = extract(html).orElseThrow(() -> new CookbookException(400, "No parser found for the given import."));
        if (recipe.path("name").asString("").isBlank()) {
            throw new CookbookException(400, "Field \"name\" is required");
        }
        recipe.remove("id");
        recipe.put("url", url.asString());
        long id = store(call.user(), recipe, null);
        return recipe(call.user(), id).orElseThrow().json();
    }

    private Object search(Call call) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("[^ ,]+").matcher(call.exchange().pathGroup(1).toLowerCase(Locale.ROOT));
        while (word.find()) {
            words.add(word.group());
        }
        List<Recipe> found = recipes(call.user()).stream().filter(recipe -> words.isEmpty() || words.stream()
                .anyMatch(w -> recipe.name().toLowerCase(Locale.ROOT).contains(w)
                        || recipe.category().toLowerCase(Locale.ROOT).contains(w)
                        || recipe.keywords().stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).contains(w))))
                .toList();
        return stubs(call, found);
    }

    /** Categories with their counts, then {@code "*"} counting the recipes without one (RecipeDb::findAllCategories). */
    private Object categories(Call call) {
        Map<String, Integer> counts = new TreeMap<>();
        int uncategorised = 0;
        for (Recipe recipe : recipes(call.user())) {
            if (recipe.category().isEmpty()) {
                uncategorised++;
            } else {
                counts.merge(recipe.category(), 1, Integer::sum);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        counts.forEach((name, count) -> out.add(nameAndCount(name, count)));
        out.add(nameAndCount("*", uncategorised));
        return out;
    }

    /** {@code _} stands for "no category". */
    private Object inCategory(Call call) {
        String category = call.exchange().pathGroup(1);
        String wanted = category.equals("_") ? "" : category;
        return stubs(call, recipes(call.user()).stream().filter(r -> r.category().equals(wanted)).toList());
    }

    private Object keywords(Call call) {
        Map<String, Integer> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        recipes(call.user()).forEach(recipe -> recipe.keywords().forEach(k -> counts.merge(k, 1, Integer::sum)));
        List<Map<String, Object>> out = new ArrayList<>();
        counts.forEach((name, count) -> out.add(nameAndCount(name, count)));
        return out;
    }

    /** A recipe is listed when it has every one of the comma-separated keywords (RecipeDb::getRecipesByKeywords). */
    private Object withKeywords(Call call) {
        List<String> wanted = List.of(call.exchange().pathGroup(1).split(","));
        return stubs(call, recipes(call.user()).stream().filter(r -> r.keywords().containsAll(wanted)).toList());
    }

    private ObjectNode config(String user) {
        return configs.computeIfAbsent(user, u -> {
            ObjectNode config = json.createObjectNode();
            config.put("folder", "/Recipes");
            config.put("update_interval", 5);
            config.put("print_image", true);
            ObjectNode blocks = config.putObject("visibleInfoBlocks");
            for (String block : new String[] {"preparation-time", "cooking-time", "total-time", "nutrition-information",
                    "tools"}) {
                blocks.put(block, true);
            }
            return config;
        });
    }

    private Object setConfig(Call call) {
        ObjectNode body = call.body();
        ObjectNode config = config(call.user());
        synchronized (config) {
            if (body.path("folder").isString()) {
                String folder = "/" + body.path("folder").asString().replaceAll("^/+|/+$", "");
                if (!folder.equals(config.path("folder").asString())) {
                    // Cookbook re-indexes when the folder changes
                    indexes.remove(call.user());
                }
                config.put("folder", folder);
            }
            if (body.has("update_interval")) {
                config.put("update_interval", body.path("update_interval").asInt());
            }
            if (body.has("print_image")) {
                config.put("print_image", body.path("print_image").asBoolean());
            }
            if (body.path("visibleInfoBlocks").isObject()) {
                config.set("visibleInfoBlocks", body.get("visibleInfoBlocks"));
            }
        }
        return "OK";
    }

    private void testRegisterPage(SimExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(exchange.body());
        } catch (JacksonException malformed) {
            exchange.sendJson(400, "{\"message\":\"expected {url, html}\"}");
            return;
        }
        registerPage(body.path("url").asString(), body.path("html").asString());
        exchange.sendJson(200, "{}");
    }

    // --- recipes as files ------------------------------------------------------------------------

    /** One stored recipe: its folder, its {@code recipe.json} and the parsed content. */
    private record Recipe(FileTree.Node folder, SimFile file, ObjectNode json) {
        long id() {
            return folder.id();
        }

        String name() {
            return json.path("name").asString("");
        }

        String category() {
            return json.path("recipeCategory").asString("");
        }

        Set<String> keywords() {
            return RecipeJson.keywordSet(json);
        }
    }

    private String root(String user) {
        return config(user).path("folder").asString("/Recipes").substring(1);
    }

    /** The indexed recipes; the index is rebuilt first when it is older than {@code update_interval} minutes. */
    private List<Recipe> recipes(String user) {
        RecipeIndex index = indexes.get(user);
        Instant now = state.clock().instant();
        long interval = config(user).path("update_interval").asLong(5);
        if (index == null || index.indexedAt().plusSeconds(interval * 60).isBefore(now)) {
            index = reindex(user);
        }
        List<Recipe> recipes = new ArrayList<>();
        for (long id : index.folderIds()) {
            recipe(user, id).ifPresent(recipes::add);
        }
        recipes.sort(Comparator.comparing(Recipe::name, String.CASE_INSENSITIVE_ORDER));
        return recipes;
    }

    private Object reindex(Call call) {
        reindex(call.user());
        return "Search index rebuilt successfully";
    }

    /** {@code DbCacheService::updateCache}: every folder right below the recipe folder that holds a recipe.json. */
    private RecipeIndex reindex(String user) {
        String root = root(user);
        Set<Long> ids = new LinkedHashSet<>();
        for (FileTree.Node node : state.files().under(user, root)) {
            if (node.folder() && node.parent().equals(root) && recipe(user, node.id()).isPresent()) {
                ids.add(node.id());
            }
        }
        RecipeIndex index = new RecipeIndex(Set.copyOf(ids), state.clock().instant());
        indexes.put(user, index);
        return index;
    }

    private void remember(String user, long id) {
        indexes.computeIfPresent(user, (u, index) -> {
            Set<Long> ids = new LinkedHashSet<>(index.folderIds());
            ids.add(id);
            return new RecipeIndex(Set.copyOf(ids), index.indexedAt());
        });
    }

    private void forget(String user, long id) {
        indexes.computeIfPresent(user, (u, index) -> {
            Set<Long> ids = new LinkedHashSet<>(index.folderIds());
            ids.remove(id);
            return new RecipeIndex(Set.copyOf(ids), index.indexedAt());
        });
    }

    /** A recipe by its folder id, straight from the files ({@code RecipeService::getRecipeById}). */
    private Optional<Recipe> recipe(String user, long id) {
        String root = root(user);
        Optional<FileTree.Node> folder = state.files().node(id)
                .filter(node -> node.folder() && node.userId().equals(user) && node.parent().equals(root));
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        return state.fileByPath(user, folder.get().path() + "/recipe.json").flatMap(file -> parse(folder.get(), file));
    }

    private Optional<Recipe> parse(FileTree.Node folder, SimFile file) {
        try {
            JsonNode node = json.readTree(file.content());
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            ObjectNode recipe = RecipeJson.normalise((ObjectNode) node);
            recipe.put("id", Long.toString(folder.id()));
            return Optional.of(new Recipe(folder, file, recipe));
        } catch (JacksonException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * {@code RecipeService::addRecipe}: a new folder named after the recipe, or the existing one moved on rename.
     *
     * @return the recipe's (folder's) id
     */
    private long store(String user, ObjectNode body, Long existingId) {
        String name = body.path("name").isString() ? body.path("name").asString() : "";
        if (name.isBlank()) {
            throw new CookbookException(422,
                    "No recipe name was given. A unique name is required to store the recipe.", true);
        }
        ObjectNode recipe = RecipeJson.normalise(body);
        String now = ISO8601.format(state.clock().instant());
        recipe.put("dateModified", now);
        String folder = root(user) + "/" + folderName(name);
        synchronized (state.notesLock()) {
            if (existingId == null) {
                recipe.put("dateCreated", now);
                if (state.files().node(user, folder).isPresent()) {
                    throw new CookbookException(409, "Another recipe with that name already exists", true);
                }
                recipe.remove("id");
                state.createFile(user, folder + "/recipe.json", bytes(recipe), "application/json");
                long id = state.files().node(user, folder).orElseThrow().id();
                remember(user, id);
                return id;
            }
            Recipe existing = recipe(user, existingId).orElseThrow();
            if (!existing.folder().path().equals(folder)) {
                if (state.files().node(user, folder).isPresent()) {
                    throw new CookbookException(409, "Another recipe with that name already exists", true);
                }
                state.files().move(existingId, folder);
            }
            recipe.remove("id");
            state.writeFile(existing.file().id(), bytes(recipe));
            remember(user, existingId);
            return existingId;
        }
    }

    private byte[] bytes(ObjectNode recipe) {
        return json.writeValueAsString(recipe).getBytes(StandardCharsets.UTF_8);
    }

    private static String folderName(String name) {
        String safe = UNSAFE.matcher(name).replaceAll("_");
        return safe.length() > 100 ? safe.substring(0, 97) + "___" : safe;
    }

    private Optional<ObjectNode> extract(String html) {
        Matcher script = LD_JSON.matcher(html);
        while (script.find()) {
            try {
                Optional<ObjectNode> recipe = findRecipe(json.readTree(script.group(1).trim()));
                if (recipe.isPresent()) {
                    return recipe;
                }
            } catch (JacksonException notJson) {
                // the next script block may hold it
            }
        }
        return Optional.empty();
    }

    private static Optional<ObjectNode> findRecipe(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("@type").asString("").equals("Recipe")) {
            return Optional.of(object);
        }
        JsonNode children = node.isArray() ? node : node.path("@graph");
        for (JsonNode child : children) {
            Optional<ObjectNode> found = findRecipe(child);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private List<Map<String, Object>> stubs(Call call, List<Recipe> recipes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Recipe recipe : recipes) {
            long id = recipe.id();
            Map<String, Object> stub = new LinkedHashMap<>();
            stub.put("recipe_id", id);
            stub.put("name", recipe.name());
            stub.put("keywords", recipe.json().path("keywords").asString(""));
            stub.put("dateCreated", recipe.json().path("dateCreated").asString(""));
            stub.put("dateModified", recipe.json().path("dateModified").asString(""));
            stub.put("category", recipe.category().isEmpty() ? null : recipe.category());
            stub.put("imageUrl", "/index.php/apps/cookbook/webapp/recipes/" + id + "/image?size=thumb");
            stub.put("imagePlaceholderUrl", "/index.php/apps/cookbook/webapp/recipes/" + id + "/image?size=thumb16");
            stub.put("id", Long.toString(id));
            out.add(stub);
        }
        return out;
    }

    private static Map<String, Object> nameAndCount(String name, int count) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("recipe_count", count);
        return entry;
    }

    // --- plumbing --------------------------------------------------------------------------------

    private final class Call {
        private final SimExchange exchange;
        private final Caller caller;
        private ObjectNode body;

        Call(SimExchange exchange, Caller caller) {
            this.exchange = exchange;
            this.caller = caller;
        }

        String user() {
            return caller.user().userId();
        }

        SimExchange exchange() {
            return exchange;
        }

        /** The JSON body; Nextcloud's parameter parser treats a missing or malformed one as no parameters. */
        ObjectNode body() {
            if (body == null) {
                try {
                    byte[] raw = exchange.body();
                    JsonNode parsed = raw.length == 0 ? null : json.readTree(raw);
                    body = parsed != null && parsed.isObject() ? (ObjectNode) parsed : json.createObjectNode();
                } catch (IOException | JacksonException malformed) {
                    body = json.createObjectNode();
                }
            }
            return body;
        }
    }

    @FunctionalInterface
    private interface Action {
        Object run(Call call);
    }

    private void handle(SimExchange exchange, Action action) throws IOException {
        Optional<Caller> caller = state.authenticateHeader(exchange.header("Authorization"));
        if (caller.isEmpty()) {
            exchange.setHeader("WWW-Authenticate", "Basic realm=\"Nextcloud\"");
            exchange.sendJson(401, "{\"message\":\"Current user is not logged in\"}");
            return;
        }
        Object result;
        try {
            result = action.run(new Call(exchange, caller.get()));
        } catch (CookbookException failure) {
            exchange.sendJson(failure.status(), json.writeValueAsString(failure.body()));
            return;
        }
        exchange.sendJson(200, json.writeValueAsString(result));
    }

    /** Route ids are cast to int as PHP does: anything not a number is recipe 0, which never exists. */
    private static long pathId(Call call) {
        Long id = parseId(call.exchange().pathGroup(1));
        return id == null ? 0 : id;
    }

    private static Long parseId(String text) {
        return text.matches("\\d{1,18}") ? Long.valueOf(text) : null;
    }
}
