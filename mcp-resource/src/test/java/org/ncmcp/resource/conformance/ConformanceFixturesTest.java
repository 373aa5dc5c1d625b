package org.ncmcp.resource.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.McpResourceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conformance fixtures through a real MCP client against the real stateless server, with the same
 * expectations as the conformance suite's scenarios. No Nextcloud is needed: the fixtures never call it.
 */
class ConformanceFixturesTest {

    private static ConfigurableApplicationContext server;
    private static McpSyncClient mcp;

    @BeforeAll
    static void start() {
        server = new SpringApplicationBuilder(McpResourceApplication.class).run("--server.port=0",
                "--spring.profiles.active=conformance", "--nextcloud.url=http://127.0.0.1:9",
                "--nextcloud.username=conformance", "--nextcloud.app-password=unused");
        String baseUrl = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        mcp = McpClient.sync(HttpClientStreamableHttpTransport.builder(baseUrl).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(20))
                .build();
        mcp.initialize();
    }

    @AfterAll
    static void stop() {
        if (mcp != null) {
            mcp.closeGracefully();
        }
        if (server != null) {
            server.close();
        }
    }

    private static CallToolResult call(String tool) {
        return mcp.callTool(new CallToolRequest(tool, Map.of()));
    }

    @Test
    void listsTheFixtureToolsNextToTheNextcloudTools() {
        List<McpSchema.Tool> tools = mcp.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).contains("test_simple_text", "test_image_content",
                "test_audio_content", "test_embedded_resource", "test_multiple_content_types", "test_error_handling",
                "json_schema_2020_12_tool", "nc_notes_get_note");
        assertThat(tools).allSatisfy(tool -> {
            assertThat(tool.description()).isNotBlank();
            assertThat(tool.inputSchema()).isNotEmpty();
        });
        McpSchema.Tool schemaTool = tools.stream().filter(t -> t.name().equals("json_schema_2020_12_tool"))
                .findFirst().orElseThrow();
        assertThat(schemaTool.inputSchema())
                .containsEntry("$schema", "https://json-schema.org/draft/2020-12/schema")
                .containsEntry("additionalProperties", false)
                .containsKey("$defs");
    }

    @Test
    void toolsReturnEachContentType() {
        assertThat(call("test_simple_text").content()).singleElement()
                .isEqualTo(new McpSchema.TextContent(null, "This is a simple text response for testing.", null));

        McpSchema.ImageContent image = (McpSchema.ImageContent) call("test_image_content").content().get(0);
        assertThat(image.mimeType()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(image.data())).startsWith(0x89, 'P', 'N', 'G');

        McpSchema.AudioContent audio = (McpSchema.AudioContent) call("test_audio_content").content().get(0);
        assertThat(audio.mimeType()).isEqualTo("audio/wav");
        assertThat(new String(Base64.getDecoder().decode(audio.data()), 0, 4)).isEqualTo("RIFF");

        McpSchema.EmbeddedResource embedded = (McpSchema.EmbeddedResource) call("test_embedded_resource").content()
                .get(0);
        assertThat(embedded.resource()).isEqualTo(new McpSchema.TextResourceContents("test://embedded-resource",
                "text/plain", "This is an embedded resource content.", null));

        assertThat(call("test_multiple_content_types").content()).extracting(Content::type)
                .containsExactly("text", "image", "resource");
    }

    @Test
    void errorToolReturnsAToolErrorNotAProtocolError() {
        CallToolResult result = call("test_error_handling");
        assertThat(result.isError()).isTrue();
        assertThat(((McpSchema.TextContent) result.content().get(0)).text())
                .isEqualTo("This tool intentionally returns an error for testing");
    }

    @Test
    void readsStaticResourcesAndTheTemplate() {
        assertThat(mcp.listResources().resources()).extracting(McpSchema.Resource::uri)
                .contains("test://static-text", "test://static-binary");
        assertThat(mcp.listResourceTemplates().resourceTemplates()).extracting(McpSchema.ResourceTemplate::uriTemplate)
                .contains("test://template/{id}/data");

        assertThat(mcp.readResource(new ReadResourceRequest("test://static-text")).contents()).singleElement()
                .isEqualTo(new McpSchema.TextResourceContents("test://static-text", "text/plain",
                        "This is the content of the static text resource.", null));
        McpSchema.BlobResourceContents blob = (McpSchema.BlobResourceContents) mcp
                .readResource(new ReadResourceRequest("test://static-binary")).contents().get(0);
        assertThat(blob.mimeType()).isEqualTo("image/png");
        assertThat(blob.blob()).isEqualTo(FixtureMedia.RED_PIXEL_PNG);

        McpSchema.TextResourceContents data = (McpSchema.TextResourceContents) mcp
                .readResource(new ReadResourceRequest("test://template/123/data")).contents().get(0);
        assertThat(data.uri()).isEqualTo("test://template/123/data");
        assertThat(data.text()).isEqualTo("{\"id\":\"123\",\"templateTest\":true,\"data\":\"Data for ID: 123\"}");
    }

    @Test
    void promptsSubstituteArgumentsAndCarryImagesAndResources() {
        assertThat(mcp.listPrompts().prompts()).extracting(McpSchema.Prompt::name).containsExactlyInAnyOrder(
                "test_simple_prompt", "test_prompt_with_arguments", "test_prompt_with_embedded_resource",
                "test_prompt_with_image");

        assertThat(mcp.getPrompt(new GetPromptRequest("test_simple_prompt", Map.of())).messages()).singleElement()
                .satisfies(message -> assertThat(message.role()).isEqualTo(McpSchema.Role.USER));
        assertThat(mcp.getPrompt(new GetPromptRequest("test_prompt_with_arguments",
                Map.of("arg1", "hello", "arg2", "world"))).messages().get(0).content())
                .isEqualTo(new McpSchema.TextContent(null, "Prompt with arguments: arg1='hello', arg2='world'", null));
        McpSchema.EmbeddedResource embedded = (McpSchema.EmbeddedResource) mcp.getPrompt(new GetPromptRequest(
                "test_prompt_with_embedded_resource", Map.of("resourceUri", "test://example-resource")))
                .messages().get(0).content();
        assertThat(embedded.resource().uri()).isEqualTo("test://example-resource");
        assertThat(mcp.getPrompt(new GetPromptRequest("test_prompt_with_image", Map.of())).messages())
                .extracting(message -> message.content().type()).containsExactly("image", "text");
    }

    @Test
    void completesPromptArgumentsByPrefix() {
        McpSchema.CompleteResult result = mcp.completeCompletion(new CompleteRequest(
                new McpSchema.PromptReference("test_prompt_with_arguments"),
                new CompleteRequest.CompleteArgument("arg1", "par")));
        assertThat(result.completion().values()).containsExactly("paris", "park", "party");
        assertThat(mcp.completeCompletion(new CompleteRequest(new McpSchema.PromptReference("test_prompt_with_arguments"),
                new CompleteRequest.CompleteArgument("arg2", "zzz"))).completion().values()).isEmpty();
    }

    @Test
    void fixturesExistOnlyUnderTheConformanceProfile() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
                .withUserConfiguration(ConformanceTools.class, ConformanceResources.class, ConformancePrompts.class);
        runner.run(context -> assertThat(context.getBeanNamesForType(List.class)).isEmpty());
        runner.withInitializer(context -> context.getEnvironment().setActiveProfiles("conformance"))
                .run(context -> assertThat(context.getBeanNamesForType(List.class)).containsExactlyInAnyOrder(
                        "conformanceToolSpecifications", "conformanceResourceSpecifications",
                        "conformanceResourceTemplateSpecifications", "conformancePromptSpecifications",
                        "conformanceCompletionSpecifications"));
    }
}
