package org.ncmcp.resource.capabilities;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import org.ncmcp.resource.nextcloud.NextcloudException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudRequest;
import org.ncmcp.resource.nextcloud.OcsResponses;
import org.ncmcp.resource.resources.ResourceErrors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resource {@code nc://capabilities}: the Nextcloud version and the capabilities of its apps, as
 * {@code GET /ocs/v2.php/cloud/capabilities} reports them (nextcloud-api.md §1.9).
 */
@Component
public class CapabilitiesResource {

    static final String URI = "nc://capabilities";

    private final NextcloudHttpClient http;
    private final JsonMapper json;

    public CapabilitiesResource(NextcloudHttpClient http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    public SyncResourceSpecification specification() {
        McpSchema.Resource resource = McpSchema.Resource.builder()
                .uri(URI)
                .name("capabilities")
                .title("Nextcloud capabilities")
                .description("The Nextcloud server's version and which apps and features it offers.")
                .mimeType("application/json")
                .build();
        return new SyncResourceSpecification(resource, (context, request) -> read());
    }

    McpSchema.ReadResourceResult read() {
        try {
            JsonNode data = OcsResponses.data(json, http.send(
                    NextcloudRequest.get("/ocs/v2.php/cloud/capabilities?format=json").header("OCS-APIRequest", "true")));
            return new McpSchema.ReadResourceResult(List.of(
                    new McpSchema.TextResourceContents(URI, "application/json", json.writeValueAsString(data))));
        } catch (NextcloudException failure) {
            throw ResourceErrors.nextcloudFailure(failure);
        }
    }
}
