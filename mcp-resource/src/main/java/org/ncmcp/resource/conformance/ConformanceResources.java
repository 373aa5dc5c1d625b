package org.ncmcp.resource.conformance;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code test://} resources and the resource template of the conformance suite. Subscriptions
 * ({@code test://watched-resource}) are not served: a stateless server has no session to remember a
 * subscription in, and nowhere to send {@code notifications/resources/updated}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("conformance")
class ConformanceResources {

    static final String STATIC_TEXT = "test://static-text";
    static final String STATIC_BINARY = "test://static-binary";
    static final String TEMPLATE = "test://template/{id}/data";
    private static final Pattern TEMPLATE_URI = Pattern.compile("test://template/([^/]+)/data");

    @Bean
    List<SyncResourceSpecification> conformanceResourceSpecifications() {
        return List.of(
                new SyncResourceSpecification(
                        resource(STATIC_TEXT, "static-text", "A static text resource.", "text/plain"),
                        (context, request) -> new ReadResourceResult(List.of(new McpSchema.TextResourceContents(
                                STATIC_TEXT, "text/plain", "This is the content of the static text resource.", null)))),
                new SyncResourceSpecification(
                        resource(STATIC_BINARY, "static-binary", "A static binary resource (1x1 PNG).", "image/png"),
                        (context, request) -> new ReadResourceResult(List.of(new McpSchema.BlobResourceContents(
                                STATIC_BINARY, "image/png", FixtureMedia.RED_PIXEL_PNG, null)))));
    }

    @Bean
    List<SyncResourceTemplateSpecification> conformanceResourceTemplateSpecifications(JsonMapper json) {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder()
                .uriTemplate(TEMPLATE)
                .name("template-data")
                .description("Conformance fixture: JSON data for the given id.")
                .mimeType("application/json")
                .build();
        return List.of(new SyncResourceTemplateSpecification(template,
                (context, request) -> readTemplate(json, request.uri())));
    }

    static ReadResourceResult readTemplate(JsonMapper json, String uri) {
        Matcher matcher = TEMPLATE_URI.matcher(uri == null ? "" : uri);
        if (!matcher.matches()) {
            throw McpError.RESOURCE_NOT_FOUND.apply(uri);
        }
        String id = matcher.group(1);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("templateTest", true);
        data.put("data", "Data for ID: " + id);
        return new ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, "application/json",
                json.writeValueAsString(data), null)));
    }

    private static McpSchema.Resource resource(String uri, String name, String description, String mimeType) {
        return McpSchema.Resource.builder()
                .uri(uri)
                .name(name)
                .description("Conformance fixture: " + description)
                .mimeType(mimeType)
                .build();
    }
}
