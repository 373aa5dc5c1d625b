package org.ncmcp.resource.conformance;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code test_*} tools of the conformance suite's server scenarios that a stateless server can serve:
 * each returns one fixed result. The tools that need a request or notification from server to client
 * during the call ({@code test_sampling}, {@code test_elicitation*}, {@code test_tool_with_logging},
 * {@code test_tool_with_progress}, {@code test_reconnection}) are left out on purpose; docs/conformance.md
 * says why.
 */
@Configuration(proxyBeanMethods = false)
@Profile("conformance")
class ConformanceTools {

    private static final Logger log = LoggerFactory.getLogger(ConformanceTools.class);

    static final Map<String, Object> NO_ARGUMENTS = Map.of("type", "object", "properties", Map.of());

    /** SEP-1613: the schema keywords ({@code $schema}, {@code $defs}, {@code additionalProperties}) must survive listing. */
    static final Map<String, Object> JSON_SCHEMA_2020_12 = Map.of(
            "$schema", "https://json-schema.org/draft/2020-12/schema",
            "type", "object",
            "$defs", Map.of("address", Map.of(
                    "type", "object",
                    "properties", Map.of("street", Map.of("type", "string"), "city", Map.of("type", "string")))),
            "properties", Map.of("name", Map.of("type", "string"), "address", Map.of("$ref", "#/$defs/address")),
            "additionalProperties", false);

    ConformanceTools() {
        log.warn("Profile 'conformance' is active: serving the MCP conformance suite's test fixtures."
                + " Never run production with this profile.");
    }

    @Bean
    List<SyncToolSpecification> conformanceToolSpecifications() {
        return List.of(
                tool("test_simple_text", "Returns a simple text response.", NO_ARGUMENTS,
                        () -> ok(text("This is a simple text response for testing."))),
                tool("test_image_content", "Returns a 1x1 red PNG image.", NO_ARGUMENTS,
                        () -> ok(image())),
                tool("test_audio_content", "Returns a tiny WAV audio clip.", NO_ARGUMENTS,
                        () -> ok(new McpSchema.AudioContent(null, FixtureMedia.SILENCE_WAV, "audio/wav", null))),
                tool("test_embedded_resource", "Returns an embedded text resource.", NO_ARGUMENTS,
                        () -> ok(embedded("test://embedded-resource", "text/plain",
                                "This is an embedded resource content."))),
                tool("test_multiple_content_types", "Returns text, an image and an embedded resource.", NO_ARGUMENTS,
                        () -> ok(text("Multiple content types test:"), image(),
                                embedded("test://mixed-content-resource", "application/json",
                                        "{\"test\":\"data\",\"value\":123}"))),
                tool("test_error_handling", "Always fails with a tool error (isError: true).", NO_ARGUMENTS,
                        () -> CallToolResult.builder()
                                .addTextContent("This tool intentionally returns an error for testing")
                                .isError(true)
                                .build()),
                tool("json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features", JSON_SCHEMA_2020_12,
                        () -> ok(text("JSON Schema 2020-12 tool called."))));
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, Object> inputSchema,
            Supplier<CallToolResult> result) {
        McpSchema.Tool descriptor = McpSchema.Tool.builder()
                .name(name)
                .description("Conformance fixture: " + description)
                .inputSchema(inputSchema)
                .build();
        return SyncToolSpecification.builder()
                .tool(descriptor)
                .callHandler((context, request) -> result.get())
                .build();
    }

    private static CallToolResult ok(Content... content) {
        return CallToolResult.builder().content(List.of(content)).isError(false).build();
    }

    static McpSchema.TextContent text(String text) {
        return new McpSchema.TextContent(null, text, null);
    }

    static McpSchema.ImageContent image() {
        return new McpSchema.ImageContent(null, FixtureMedia.RED_PIXEL_PNG, "image/png", null);
    }

    static McpSchema.EmbeddedResource embedded(String uri, String mimeType, String text) {
        return new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents(uri, mimeType, text, null), null);
    }
}
