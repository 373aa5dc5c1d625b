package org.ncmcp.model.tool;

import java.util.List;

/**
 * The tasks tools of the catalogue (name, title, scope, hints). Kept in a file of its own so each
 * app's tools can be added without touching the others; {@link ToolCatalogue} indexes them all.
 */
public final class TasksCatalogue {

    /** Every tasks tool, in the order they are listed. */
    public static final List<ToolInfo> TOOLS = List.of();

    private TasksCatalogue() {
    }
}
