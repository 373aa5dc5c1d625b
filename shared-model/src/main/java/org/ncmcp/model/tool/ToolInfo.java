package org.ncmcp.model.tool;

import java.util.Objects;
import org.ncmcp.model.scope.Scope;

/**
 * What both services need to know about one MCP tool: its name, a human title, the scope a caller must
 * hold to see and call it, and its behaviour hints. Descriptions and schemas live with the tool itself
 * in mcp-resource.
 */
public record ToolInfo(String name, String title, Scope scope, ToolHints hints) {

    public ToolInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(hints, "hints");
        if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("Tool name must be lower snake case, at most 64 characters: " + name);
        }
    }
}
