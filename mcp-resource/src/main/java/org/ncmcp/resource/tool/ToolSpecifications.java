package org.ncmcp.resource.tool;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.ncmcp.model.tool.ToolHints;
import io.modelcontextprotocol.spec.McpError;
import java.util.function.Predicate;
import org.ncmcp.resource.credentials.ProvisioningRequiredException;
import org.ncmcp.resource.nextcloud.NextcloudException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.util.json.schema.JsonSchemaGenerator;
import org.springframework.ai.util.json.schema.JsonSchemaGenerator.SchemaOption;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@link NextcloudTool}s into MCP tool specifications: schemas generated from the input and
 * output records, arguments checked against the schema and Bean Validation, results returned as
 * structured content (with the same JSON as text for clients that ignore structured content), and
 * every failure returned as a tool error with a message a person can act on, never a stack trace.
 */
public final class ToolSpecifications {

    private static final Logger log = LoggerFactory.getLogger(ToolSpecifications.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final JsonMapper json;
    private final Validator validator;
    private final Predicate<CallToolRequest> urlElicitationDeclared;

    public ToolSpecifications(JsonMapper json, Validator validator, Predicate<CallToolRequest> urlElicitationDeclared) {
        this.json = json;
        this.validator = validator;
        this.urlElicitationDeclared = urlElicitationDeclared;
    }

    public <I, O> SyncToolSpecification toSpecification(NextcloudTool<I, O> tool) {
        Map<String, Object> inputSchema = withExamples(schema(tool.inputType(), false), tool.inputType());
        Map<String, Object> outputSchema = schema(tool.outputType(), true);
        McpSchema.Tool descriptor = McpSchema.Tool.builder()
                .name(tool.name())
                .title(tool.info().title())
                .description(tool.info().needsScope()
                        ? tool.description() + "\nRequires scope " + tool.info().scope().value() + "."
                        : tool.description())
                .inputSchema(inputSchema)
                .outputSchema(outputSchema)
                .annotations(annotations(tool.info().title(), tool.info().hints()))
                .meta(tool.info().needsScope() ? Map.of("nextcloud-mcp/scope", tool.info().scope().value()) : null)
                .build();
        ArgumentBinder<I> binder = new ArgumentBinder<>(tool, inputSchema);
        return SyncToolSpecification.builder()
                .tool(descriptor)
                .callHandler((context, request) -> call(tool, binder, context, request))
                .build();
    }

    private <I, O> CallToolResult call(NextcloudTool<I, O> tool, ArgumentBinder<I> binder,
            McpTransportContext context, CallToolRequest request) {
        try {
            I input = binder.bind(request.arguments());
            O output = tool.handler().handle(input);
            Map<String, Object> structured = json.convertValue(output, MAP);
            return CallToolResult.builder()
                    .structuredContent(structured)
                    .addTextContent(json.writeValueAsString(structured))
                    .isError(false)
                    .build();
        } catch (InvalidToolInputException invalid) {
            return error("Invalid input for " + tool.name() + ": " + invalid.getMessage());
        } catch (NextcloudException failure) {
            return error(failure.getMessage());
        } catch (ProvisioningRequiredException notConnected) {
            return connectNextcloud(notConnected, request);
        } catch (RuntimeException unexpected) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            // The exception goes to the log (never the arguments: they may hold note content); the caller gets a reference.
            log.error("Tool {} failed unexpectedly (reference {})", tool.name(), reference, unexpected);
            return error("Internal error in " + tool.name() + " (reference " + reference
                    + "). The request was not completed; please report the reference to your administrator.");
        }
    }

    /**
     * The person must connect Nextcloud first: the MCP URLElicitationRequiredError (-32042) for clients that declared
     * URL elicitation, otherwise a tool result with the same URL that any client can show.
     */
    private CallToolResult connectNextcloud(ProvisioningRequiredException notConnected, CallToolRequest request) {
        String message = notConnected.getMessage() + " Open " + notConnected.provisioningUrl()
                + " in your browser to connect your Nextcloud account, then try again.";
        if (urlElicitationDeclared.test(request)) {
            throw McpError.URL_ELICITATION_REQUIRED.apply(List.of(McpSchema.ElicitUrlRequest.builder(
                    "Connect your Nextcloud account so your assistant can use it.", notConnected.provisioningUrl(),
                    "nextcloud-provisioning-" + UUID.randomUUID()).build()));
        }
        return CallToolResult.builder().addTextContent(message)
                .structuredContent(Map.of("status", "login_required", "provisioning_url", notConnected.provisioningUrl(),
                        "message", message))
                .isError(true).build();
    }

    private static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    private static McpSchema.ToolAnnotations annotations(String title, ToolHints hints) {
        return new McpSchema.ToolAnnotations(title, hints.readOnly(), hints.destructive(), hints.idempotent(),
                hints.openWorld(), null);
    }

    private Map<String, Object> schema(Class<?> type, boolean allowAdditional) {
        String schema = allowAdditional
                ? JsonSchemaGenerator.generateForType(type, SchemaOption.ALLOW_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                : JsonSchemaGenerator.generateForType(type);
        return json.readValue(schema, MAP);
    }

    /**
     * Copies {@code @Schema(example = …)} of each input record component into the property's JSON Schema
     * {@code examples}; the schema generator keeps descriptions but drops examples, which help models most.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withExamples(Map<String, Object> schema, Class<?> inputType) {
        Object properties = schema.get("properties");
        if (!(properties instanceof Map<?, ?>)) {
            return schema;
        }
        Map<String, Object> byName = (Map<String, Object>) properties;
        for (RecordComponent component : inputType.getRecordComponents()) {
            // @Schema does not target record components; Java propagates it to the generated field.
            Schema annotation = schemaOf(inputType, component);
            if (annotation == null || annotation.example().isEmpty()
                    || !(byName.get(component.getName()) instanceof Map<?, ?> property)) {
                continue;
            }
            Map<String, Object> withExample = new LinkedHashMap<>((Map<String, Object>) property);
            Class<?> type = component.getType();
            Object example = (type == long.class || type == Long.class || type == int.class || type == Integer.class)
                    ? Long.valueOf(annotation.example()) : annotation.example();
            withExample.put("examples", List.of(example));
            byName.put(component.getName(), withExample);
        }
        return schema;
    }

    private static Schema schemaOf(Class<?> type, RecordComponent component) {
        try {
            return type.getDeclaredField(component.getName()).getAnnotation(Schema.class);
        } catch (NoSuchFieldException impossible) {
            return null;
        }
    }

    /** Checks raw arguments against the tool's input schema, then binds and validates the input record. */
    private final class ArgumentBinder<I> {

        private final NextcloudTool<I, ?> tool;
        private final Set<String> known;
        private final List<String> required;

        @SuppressWarnings("unchecked")
        ArgumentBinder(NextcloudTool<I, ?> tool, Map<String, Object> inputSchema) {
            this.tool = tool;
            Object properties = inputSchema.getOrDefault("properties", Map.of());
            this.known = new TreeSet<>(((Map<String, Object>) properties).keySet());
            Object requiredList = inputSchema.getOrDefault("required", List.of());
            this.required = List.copyOf((List<String>) requiredList);
        }

        I bind(Map<String, Object> arguments) {
            Map<String, Object> args = arguments == null ? Map.of() : arguments;
            List<String> problems = new ArrayList<>();
            for (String name : args.keySet()) {
                if (!known.contains(name)) {
                    problems.add("unknown argument '" + name + "' (valid: " + String.join(", ", known) + ")");
                }
            }
            for (String name : required) {
                if (args.get(name) == null) {
                    problems.add("'" + name + "' is required");
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidToolInputException(String.join("; ", problems) + ".");
            }
            I input;
            try {
                input = json.convertValue(new LinkedHashMap<>(args), tool.inputType());
            } catch (JacksonException | IllegalArgumentException malformed) {
                throw new InvalidToolInputException(describe(malformed));
            }
            Set<ConstraintViolation<I>> violations = validator.validate(input);
            if (!violations.isEmpty()) {
                throw new InvalidToolInputException(violations.stream()
                        .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                        .map(v -> "'" + v.getPropertyPath() + "' " + v.getMessage())
                        .reduce((a, b) -> a + "; " + b).orElse("") + ".");
            }
            return input;
        }

        private String describe(Exception malformed) {
            Throwable cause = malformed;
            while (cause.getCause() != null && !(cause instanceof JacksonException)) {
                cause = cause.getCause();
            }
            if (cause instanceof tools.jackson.databind.DatabindException bind && !bind.getPath().isEmpty()) {
                String field = bind.getPath().get(bind.getPath().size() - 1).getPropertyName();
                return "'" + field + "' has the wrong type.";
            }
            return "the arguments do not match the input schema.";
        }
    }
}
