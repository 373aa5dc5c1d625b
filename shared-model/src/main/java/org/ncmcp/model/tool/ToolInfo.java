package org.ncmcp.model.tool;

import java.util.Objects;
import org.ncmcp.model.scope.Scope;

/**
 * What both services need to know about one MCP tool: its name, a human title, the scope a caller must
 * hold to see and call it, and its behaviour hints. Descriptions and schemas live with the tool itself
 * in mcp-resource. Only the account tools of {@link AuthCatalogue} have no scope (null): they touch no
 * Nextcloud data and need just a valid token.
 */
public record ToolInfo(String name, String title, Scope scope, ToolHints hints) {

    public ToolInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(hints, "hints");
        if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("Tool name must be lower snake case, at most 64 characters: " + name);
        }
    }

    /** A tool that needs no Nextcloud scope, only a valid token (connecting Nextcloud itself). */
    public static ToolInfo withoutScope(String name, String title, ToolHints hints) {
        return new ToolInfo(name, title, null, hints);
    }

    public boolean needsScope() {
        return scope != null;
    }
}
