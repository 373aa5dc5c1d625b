package org.ncmcp.model.tool;

/**
 * The MCP tool annotations (behaviour hints) of a tool. All four are always set explicitly, because
 * the MCP defaults are the pessimistic ones ({@code destructiveHint} defaults to true) and clients use
 * them to decide when to ask the user for confirmation.
 */
public record ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

    /** Reads data and changes nothing. */
    public static ToolHints read() {
        return new ToolHints(true, false, true, false);
    }

    /** Adds new data; repeating it adds again. */
    public static ToolHints additive() {
        return new ToolHints(false, false, false, false);
    }

    /** Changes existing data in place; repeating it with the same arguments changes nothing more. */
    public static ToolHints update() {
        return new ToolHints(false, true, true, false);
    }

    /** Removes data; repeating it finds nothing left to remove. */
    public static ToolHints delete() {
        return new ToolHints(false, true, true, false);
    }

    public ToolHints withOpenWorld() {
        return new ToolHints(readOnly, destructive, idempotent, true);
    }
}
