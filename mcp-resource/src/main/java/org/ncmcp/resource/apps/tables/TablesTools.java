package org.ncmcp.resource.apps.tables;

import java.util.List;
import java.util.function.Function;
import org.ncmcp.model.tool.TablesCatalogue;
import org.ncmcp.resource.apps.tables.TablesModels.ColumnInfo;
import org.ncmcp.resource.apps.tables.TablesModels.RowData;
import org.ncmcp.resource.apps.tables.TablesModels.SelectionOption;
import org.ncmcp.resource.apps.tables.TablesModels.ViewInfo;
import org.ncmcp.resource.tool.InvalidToolInputException;
import org.ncmcp.resource.apps.tables.TablesToolModels.ColumnSummary;
import org.ncmcp.resource.apps.tables.TablesToolModels.InsertRowInput;
import org.ncmcp.resource.apps.tables.TablesToolModels.NoInput;
import org.ncmcp.resource.apps.tables.TablesToolModels.ReadRowsInput;
import org.ncmcp.resource.apps.tables.TablesToolModels.RowDeleted;
import org.ncmcp.resource.apps.tables.TablesToolModels.RowIdInput;
import org.ncmcp.resource.apps.tables.TablesToolModels.RowPage;
import org.ncmcp.resource.apps.tables.TablesToolModels.RowValues;
import org.ncmcp.resource.apps.tables.TablesToolModels.TableIdInput;
import org.ncmcp.resource.apps.tables.TablesToolModels.TableList;
import org.ncmcp.resource.apps.tables.TablesToolModels.TableSchema;
import org.ncmcp.resource.apps.tables.TablesToolModels.TableSummary;
import org.ncmcp.resource.apps.tables.TablesToolModels.UpdateRowInput;
import org.ncmcp.resource.apps.tables.TablesToolModels.ViewSummary;
import org.ncmcp.resource.tool.NextcloudTool;
import org.ncmcp.resource.tool.ToolSet;

/** The six Tables tools. */
public class TablesTools implements ToolSet {

    private static final int DEFAULT_LIMIT = 50;

    private final TablesClient tables;

    public TablesTools(TablesClient tables) {
        this.tables = tables;
    }

    @Override
    public List<NextcloudTool<?, ?>> tools() {
        return List.of(
                NextcloudTool.of(TablesCatalogue.LIST_TABLES, "List your Nextcloud Tables with their row and column"
                        + " counts.", NoInput.class, TableList.class, input -> list()),
                NextcloudTool.of(TablesCatalogue.GET_SCHEMA, "Read a table's columns (id, title, type, what values"
                        + " they accept, selection options) and views (their columns, filter, sort and row count)."
                        + " Read it before inserting or updating rows.",
                        TableIdInput.class, TableSchema.class, this::schema),
                NextcloudTool.of(TablesCatalogue.READ_ROWS, "Read one page of a table's rows, values by column title;"
                        + " with viewId, only what that view shows.",
                        ReadRowsInput.class, RowPage.class, this::rows),
                NextcloudTool.of(TablesCatalogue.INSERT_ROW, "Add a row to a table. Values are given by column title"
                        + " or id and checked against the column types before anything is written.",
                        InsertRowInput.class, RowValues.class, this::insert),
                NextcloudTool.of(TablesCatalogue.UPDATE_ROW, "Change some cells of a row; the other cells stay.",
                        UpdateRowInput.class, RowValues.class, this::update),
                NextcloudTool.of(TablesCatalogue.DELETE_ROW, "Delete a row of a table permanently.",
                        RowIdInput.class, RowDeleted.class, this::delete));
    }

    private TableList list() {
        List<TableSummary> all = tables.listTables().stream().map(TableSummary::of).toList();
        return new TableList(all.size(), all);
    }

    private TableSchema schema(TableIdInput input) {
        TableSummary table = TableSummary.of(tables.table(input.tableId()));
        List<ColumnInfo> known = tables.columns(input.tableId());
        List<ColumnSummary> columns = known.stream()
                .map(c -> new ColumnSummary(c.id(), c.title(), c.type(), c.subtype(), c.mandatory(),
                        CellValues.describe(c), c.options().stream().map(SelectionOption::label).toList()))
                .toList();
        List<ViewSummary> views = tables.views(input.tableId()).stream().map(v -> summary(v, known)).toList();
        return new TableSchema(table, columns, views);
    }

    private static ViewSummary summary(ViewInfo view, List<ColumnInfo> columns) {
        Function<Long, String> title = id -> columns.stream().filter(c -> c.id() == id).map(ColumnInfo::title)
                .findFirst().orElse("column " + id);
        List<String> filter = view.filter().stream().map(group -> String.join(" and ", group.stream()
                .map(rule -> title.apply(rule.columnId()) + " " + rule.operator()
                        + (rule.value().isEmpty() ? "" : " " + rule.value())).toList())).toList();
        List<String> sort = view.sort().stream().map(rule -> title.apply(rule.columnId()) + " " + rule.mode()).toList();
        return new ViewSummary(view.id(), view.title(), view.emoji(), view.description(),
                view.columns().stream().map(title).toList(), filter, sort, view.rowsCount());
    }

    private RowPage rows(ReadRowsInput input) {
        int limit = input.limit() == null ? DEFAULT_LIMIT : input.limit();
        int offset = input.offset() == null ? 0 : input.offset();
        CellValues values = new CellValues(tables.columns(input.tableId()));
        List<RowData> page;
        if (input.viewId() == null) {
            page = tables.rows(input.tableId(), limit, offset);
        } else {
            ViewInfo view = tables.view(input.viewId());
            if (view.tableId() != input.tableId()) {
                throw new InvalidToolInputException("view " + input.viewId() + " belongs to table " + view.tableId()
                        + ", not " + input.tableId() + "; nc_tables_get_schema lists a table's views.");
            }
            page = tables.viewRows(input.viewId(), limit, offset);
        }
        List<RowValues> rows = page.stream().map(row -> values(values, row)).toList();
        return new RowPage(input.tableId(), offset, limit, rows, rows.size() == limit);
    }

    private RowValues insert(InsertRowInput input) {
        CellValues values = new CellValues(tables.columns(input.tableId()));
        RowData row = tables.createRow(input.tableId(), values.toCells(input.values(), true));
        return values(values, row);
    }

    private RowValues update(UpdateRowInput input) {
        // The row tells which table, and so which columns, the values are checked against.
        RowData current = tables.row(input.rowId());
        List<ColumnInfo> columns = tables.columns(current.tableId());
        CellValues values = new CellValues(columns);
        RowData row = tables.updateRow(input.rowId(), values.toCells(input.values(), false));
        return values(values, row);
    }

    private RowDeleted delete(RowIdInput input) {
        tables.deleteRow(input.rowId());
        return new RowDeleted(input.rowId(), true);
    }

    private static RowValues values(CellValues values, RowData row) {
        return new RowValues(row.id(), row.tableId(), values.toValues(row.cells()), row.lastEditAt());
    }
}
