package org.ncmcp.resource.resources;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.ncmcp.resource.nextcloud.NextcloudException;

/** JSON-RPC errors for resource reads, which (unlike tools) have no error result to carry a message. */
public final class ResourceErrors {

    private ResourceErrors() {
    }

    public static McpError invalidUri(String uri, String expected) {
        return new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INVALID_PARAMS,
                "Invalid resource URI '" + uri + "': expected " + expected + ".", Map.of("uri", String.valueOf(uri))));
    }

    public static McpError nextcloudFailure(NextcloudException failure) {
        return new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.INTERNAL_ERROR,
                failure.getMessage(), Map.of("nextcloudStatus", failure.status(), "code", failure.code())));
    }
}
