package org.ncmcp.resource.apps.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import jakarta.validation.Validation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.credentials.SingleUserCredentialSource;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudProperties;
import org.ncmcp.resource.tool.NextcloudTool;
import org.ncmcp.resource.tool.ToolSpecifications;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cookbook's PUT stores its body as the whole recipe and takes the recipe to change from the body's {@code id}, so
 * nc_cookbook_update_recipe must read, merge and write: the PUT carries the id, every field it was not asked to
 * change (also schema.org fields it does not know), and none of the view-only parts of the GET answer.
 */
class CookbookRecipeUpdateTest {

    /** Recipe 7 as Cookbook answers a GET, with an author field our tools do not model. */
    private static final String RECIPE = """
            {"@context":"http://schema.org","@type":"Recipe","id":"7","name":"Risotto","description":"Creamy",
             "recipeCategory":"Dinner","keywords":"rice,italian","recipeYield":2,"prepTime":"PT0H10M0S",
             "cookTime":null,"totalTime":null,"recipeIngredient":["300 g rice"],"recipeInstructions":["Stir"],
             "tool":[],"url":"","image":"","nutrition":[],"author":{"@type":"Person","name":"Nonna"},
             "dateCreated":"2025-11-01T10:00:00+0000","dateModified":"2025-11-02T10:00:00+0000","printImage":true,
             "imageUrl":"/index.php/apps/cookbook/webapp/recipes/7/image?size=full"}""";
    private static final String LIST = """
            [{"id":"7","recipe_id":7,"name":"Risotto","keywords":"rice,italian"},
             {"id":"8","recipe_id":8,"name":"Apple Pie","keywords":""}]""";

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<JsonNode> puts = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private SyncToolSpecification update;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String answer;
            if (exchange.getRequestMethod().equals("PUT")) {
                puts.add(json.readTree(request));
                answer = "7";
            } else {
                answer = path.endsWith("/recipes") ? LIST : RECIPE;
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        NextcloudProperties properties = new NextcloudProperties(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "alice", "pw", Duration.ofSeconds(2),
                Duration.ofSeconds(5), 4, new NextcloudProperties.Retry(1, Duration.ofMillis(1), Duration.ofSeconds(1)));
        CookbookClient client = new CookbookClient(new NextcloudHttpClient(properties,
                new SingleUserCredentialSource("alice", "pw"), wait -> { }, Clock.systemUTC()), json);
        NextcloudTool<?, ?> tool = new CookbookTools(client, json).tools().stream()
                .filter(t -> t.name().equals("nc_cookbook_update_recipe")).findFirst().orElseThrow();
        update = new ToolSpecifications(json, Validation.buildDefaultValidatorFactory().getValidator(), request -> false)
                .toSpecification(tool);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CallToolResult call(Map<String, Object> arguments) {
        return update.callHandler().apply(null, new CallToolRequest("nc_cookbook_update_recipe", arguments));
    }

    @Test
    void thePutCarriesTheIdAndEveryFieldNotChangedButNoViewParts() {
        CallToolResult result = call(Map.of("recipeId", 7, "servings", 4, "keywords", List.of("rice", "veggie")));
        assertThat(result.isError()).as(((TextContent) result.content().get(0)).text()).isFalse();
        assertThat(puts).singleElement().satisfies(put -> {
            assertThat(put.path("id").asString()).isEqualTo("7");
            assertThat(put.path("recipeYield").asInt()).isEqualTo(4);
            assertThat(put.path("keywords").asString()).isEqualTo("rice,veggie");
            assertThat(put.path("description").asString()).isEqualTo("Creamy");
            assertThat(put.path("recipeCategory").asString()).isEqualTo("Dinner");
            assertThat(put.path("recipeIngredient").toString()).isEqualTo("[\"300 g rice\"]");
            assertThat(put.path("author").path("name").asString()).isEqualTo("Nonna");
            assertThat(put.path("dateCreated").asString()).isEqualTo("2025-11-01T10:00:00+0000");
            assertThat(put.has("printImage")).isFalse();
            assertThat(put.has("imageUrl")).isFalse();
            assertThat(put.has("dateModified")).isFalse();
        });
    }

    @Test
    void anEmptyDescriptionClearsItAndOmittedListsStay() {
        call(Map.of("recipeId", 7, "description", ""));
        assertThat(puts).singleElement().satisfies(put -> {
            assertThat(put.path("description").asString()).isEmpty();
            assertThat(put.path("recipeInstructions").toString()).isEqualTo("[\"Stir\"]");
            assertThat(put.path("keywords").asString()).isEqualTo("rice,italian");
        });
    }

    @Test
    void renamingOntoAnotherRecipesNameWritesNothing() {
        CallToolResult result = call(Map.of("recipeId", 7, "name", "Apple Pie"));
        assertThat(result.isError()).isTrue();
        assertThat(((TextContent) result.content().get(0)).text()).contains("already has a recipe named 'Apple Pie'");
        assertThat(puts).isEmpty();
    }
}
