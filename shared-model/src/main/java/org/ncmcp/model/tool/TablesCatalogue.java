package org.ncmcp.model.tool;

import static org.ncmcp.model.scope.NextcloudApp.TABLES;

import java.util.List;
import org.ncmcp.model.scope.Scope;

/**
 * The tables tools of the catalogue (name, title, scope, hints). Kept in a file of its own so each
 * app's tools can be added without touching the others; {@link ToolCatalogue} indexes them all.
 */
public final class TablesCatalogue {

    public static final String LIST_TABLES_NAME = "nc_tables_list_tables";
    public static final String GET_SCHEMA_NAME = "nc_tables_get_schema";
    public static final String READ_ROWS_NAME = "nc_tables_read_rows";
    public static final String INSERT_ROW_NAME = "nc_tables_insert_row";
    public static final String UPDATE_ROW_NAME = "nc_tables_update_row";
    public static final String DELETE_ROW_NAME = "nc_tables_delete_row";

    public static final ToolInfo LIST_TABLES = read(LIST_TABLES_NAME, "List tables");
    public static final ToolInfo GET_SCHEMA = read(GET_SCHEMA_NAME, "Get table schema");
    public static final ToolInfo READ_ROWS = read(READ_ROWS_NAME, "Read table rows");
    public static final ToolInfo INSERT_ROW = new ToolInfo(INSERT_ROW_NAME, "Insert row", Scope.write(TABLES),
            ToolHints.additive());
    // Overwrites the given cells; the same values again change nothing more.
    public static final ToolInfo UPDATE_ROW = new ToolInfo(UPDATE_ROW_NAME, "Update row", Scope.write(TABLES),
            ToolHints.update());
    public static final ToolInfo DELETE_ROW = new ToolInfo(DELETE_ROW_NAME, "Delete row", Scope.write(TABLES),
            ToolHints.delete());

    /** Every tables tool, in the order they are listed. */
    public static final List<ToolInfo> TOOLS = List.of(LIST_TABLES, GET_SCHEMA, READ_ROWS, INSERT_ROW, UPDATE_ROW,
            DELETE_ROW);

    private TablesCatalogue() {
    }

    private static ToolInfo read(String name, String title) {
        return new ToolInfo(name, title, Scope.read(TABLES), ToolHints.read());
    }
}
