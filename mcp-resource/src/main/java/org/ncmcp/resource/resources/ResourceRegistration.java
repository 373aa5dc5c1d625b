package org.ncmcp.resource.resources;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceTemplateSpecification;
import java.util.List;
import org.ncmcp.resource.apps.notes.NoteResources;
import org.ncmcp.resource.capabilities.CapabilitiesResource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the Nextcloud resources and resource templates with the MCP server. */
@Configuration(proxyBeanMethods = false)
public class ResourceRegistration {

    @Bean
    List<SyncResourceSpecification> nextcloudResources(CapabilitiesResource capabilities) {
        return List.of(capabilities.specification());
    }

    @Bean
    List<SyncResourceTemplateSpecification> nextcloudResourceTemplates(NoteResources notes) {
        return List.of(notes.specification());
    }
}
