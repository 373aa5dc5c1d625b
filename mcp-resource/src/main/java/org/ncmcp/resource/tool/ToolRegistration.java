package org.ncmcp.resource.tool;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import jakarta.validation.Validator;
import java.util.List;
import org.ncmcp.model.tool.ToolCatalogue;
import org.ncmcp.resource.security.caller.UrlElicitationClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers every app's tools with the MCP server. Spring AI's stateless server collects all beans of
 * type {@code List<SyncToolSpecification>}.
 */
@Configuration(proxyBeanMethods = false)
public class ToolRegistration {

    @Bean
    ToolSpecifications toolSpecifications(JsonMapper jsonMapper, Validator validator,
            UrlElicitationClients urlElicitation) {
        return new ToolSpecifications(jsonMapper, validator, urlElicitation::supportsUrlElicitation);
    }

    @Bean
    List<SyncToolSpecification> nextcloudToolSpecifications(List<ToolSet> toolSets, ToolSpecifications specifications) {
        return toolSets.stream()
                .flatMap(set -> set.tools().stream())
                .peek(ToolRegistration::requireCatalogued)
                .map(specifications::toSpecification)
                .toList();
    }

    /** A tool outside the catalogue would have no agreed scope; refuse to start rather than expose it. */
    private static void requireCatalogued(NextcloudTool<?, ?> tool) {
        if (!ToolCatalogue.find(tool.name()).filter(tool.info()::equals).isPresent()) {
            throw new IllegalStateException("Tool " + tool.name() + " is not in the shared ToolCatalogue");
        }
    }
}
