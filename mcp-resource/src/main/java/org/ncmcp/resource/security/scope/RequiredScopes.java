package org.ncmcp.resource.security.scope;

import java.util.Locale;
import java.util.Optional;
import org.ncmcp.model.scope.NextcloudApp;
import org.ncmcp.model.scope.Scope;
import org.ncmcp.model.tool.ToolCatalogue;
import org.ncmcp.model.tool.ToolInfo;
import tools.jackson.databind.JsonNode;

/**
 * Which scope one JSON-RPC request needs, decided from the message alone so the check can run before
 * dispatch. Tools: their scope in the shared {@link ToolCatalogue}. A name the catalogue does not know
 * needs none here: it is either not a tool at all (the server answers -32602) or a conformance fixture,
 * which touches no Nextcloud data ({@code ToolRegistration} refuses uncatalogued Nextcloud tools).
 */
final class RequiredScopes {

    static final String TOOLS_CALL = "tools/call";
    static final String TOOLS_LIST = "tools/list";
    static final String RESOURCES_READ = "resources/read";
    /** The note resource template {@code nc://Notes/{id}} reads notes, so it needs what the note tools need. */
    private static final String NOTE_RESOURCE_PREFIX = "nc://notes/";

    Optional<Scope> forTool(String toolName) {
        return ToolCatalogue.find(toolName).map(ToolInfo::scope);
    }

    /** The scope the request needs, or empty when it needs none beyond a valid token. */
    Optional<Scope> forMessage(JsonNode message) {
        if (message == null || !message.isObject()) {
            return Optional.empty();
        }
        String method = message.path("method").isString() ? message.path("method").asString() : "";
        JsonNode params = message.path("params");
        if (TOOLS_CALL.equals(method) && params.path("name").isString()) {
            return forTool(params.path("name").asString());
        }
        if (RESOURCES_READ.equals(method) && params.path("uri").isString()
                && params.path("uri").asString().toLowerCase(Locale.ROOT).startsWith(NOTE_RESOURCE_PREFIX)) {
            return Optional.of(Scope.read(NextcloudApp.NOTES));
        }
        return Optional.empty();
    }

    /** What the request is, for messages: the tool name or the resource URI. */
    static String target(JsonNode message) {
        JsonNode params = message.path("params");
        if (params.path("name").isString()) {
            return "tool " + params.path("name").asString();
        }
        if (params.path("uri").isString()) {
            return "resource " + params.path("uri").asString();
        }
        return message.path("method").asString("request");
    }
}
