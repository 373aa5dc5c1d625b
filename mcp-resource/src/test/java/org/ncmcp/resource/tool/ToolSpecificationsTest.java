package org.ncmcp.resource.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncmcp.model.tool.ToolCatalogue;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import tools.jackson.databind.json.JsonMapper;

class ToolSpecificationsTest {

    record EchoInput(@Schema(description = "Text to echo.", example = "hello") @NotBlank String text,
            @Schema(description = "Repeat count.", requiredMode = RequiredMode.NOT_REQUIRED) @Max(3) Integer times) {
    }

    record EchoOutput(String echoed) {
    }

    private final ToolSpecifications specifications = new ToolSpecifications(JsonMapper.builder().build(),
            Validation.buildDefaultValidatorFactory().getValidator(), request -> false);

    private SyncToolSpecification echo(ToolHandler<EchoInput, EchoOutput> handler) {
        return specifications.toSpecification(NextcloudTool.of(ToolCatalogue.NOTES_GET_NOTE, "Echo.",
                EchoInput.class, EchoOutput.class, handler));
    }

    private static CallToolResult call(SyncToolSpecification spec, Map<String, Object> arguments) {
        return spec.callHandler().apply(null, new CallToolRequest(spec.tool().name(), arguments));
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    @Test
    void descriptorCarriesScopeHintsAndSchemasWithDescriptionsAndExamples() {
        SyncToolSpecification spec = echo(input -> new EchoOutput(input.text()));
        assertThat(spec.tool().meta()).containsEntry("nextcloud-mcp/scope", "notes:read");
        assertThat(spec.tool().description()).endsWith("Requires scope notes:read.");
        assertThat(spec.tool().annotations().readOnlyHint()).isTrue();
        assertThat(spec.tool().annotations().destructiveHint()).isFalse();
        assertThat(spec.tool().inputSchema().get("required")).isEqualTo(List.of("text"));
        @SuppressWarnings("unchecked")
        Map<String, Object> text = (Map<String, Object>) ((Map<String, Object>) spec.tool().inputSchema()
                .get("properties")).get("text");
        assertThat(text).containsEntry("description", "Text to echo.").containsEntry("examples", List.of("hello"));
        assertThat(spec.tool().outputSchema()).containsKey("properties");
    }

    @Test
    void resultIsStructuredContentWithTheSameJsonAsText() {
        CallToolResult result = call(echo(input -> new EchoOutput(input.text())), Map.of("text", "hi"));
        assertThat(result.isError()).isFalse();
        assertThat(result.structuredContent()).isEqualTo(Map.of("echoed", "hi"));
        assertThat(text(result)).isEqualTo("{\"echoed\":\"hi\"}");
    }

    @Test
    void missingUnknownAndOutOfRangeArgumentsAreNamedInOneToolError() {
        SyncToolSpecification spec = echo(input -> new EchoOutput(input.text()));
        assertThat(text(call(spec, Map.of("txt", "x")))).contains("unknown argument 'txt'", "'text' is required");
        CallToolResult outOfRange = call(spec, Map.of("text", " ", "times", 9));
        assertThat(outOfRange.isError()).isTrue();
        assertThat(text(outOfRange)).contains("'text' must not be blank", "'times' must be less than or equal to 3");
        assertThat(text(call(spec, Map.of("text", "x", "times", "many")))).contains("'times' has the wrong type");
    }

    @Test
    void nextcloudFailureBecomesAToolErrorWithItsHumanMessage() {
        CallToolResult result = call(echo(input -> {
            throw new NextcloudNotFoundException(404, "Note 7 does not exist.");
        }), Map.of("text", "x"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).isEqualTo("Note 7 does not exist.");
    }

    @Test
    void unexpectedFailureGivesAReferenceAndNoStackTrace() {
        CallToolResult result = call(echo(input -> {
            throw new IllegalStateException("secret internals");
        }), Map.of("text", "x"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("Internal error in nc_notes_get_note (reference ")
                .doesNotContain("secret internals").doesNotContain("at org.");
    }
}
