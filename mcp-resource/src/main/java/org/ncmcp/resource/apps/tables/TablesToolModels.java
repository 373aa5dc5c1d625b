package org.ncmcp.resource.apps.tables;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** Inputs and outputs of the Tables tools; their JSON schemas are generated from these records. */
final class TablesToolModels {

    private TablesToolModels() {
    }

    record NoInput() {
    }

    record TableIdInput(
            @Schema(description = "The table's id, from nc_tables_list_tables.", example = "3") @Positive long tableId) {
    }

    record ReadRowsInput(
            @Schema(description = "The table's id.", example = "3") @Positive long tableId,
            @Schema(description = "Read through this view of the table (from nc_tables_get_schema): only its rows"
                    + " (its filter), its columns, in its sort order. Default: the whole table.", example = "5",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Positive Long viewId,
            @Schema(description = "Most rows to return (1-500, default 50).", example = "50",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(500) Integer limit,
            @Schema(description = "Rows to skip, for the next page (default 0).", example = "0",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(0) Integer offset) {
    }

    record InsertRowInput(
            @Schema(description = "The table's id.", example = "3") @Positive long tableId,
            @Schema(description = "Cell values by column title or column id, e.g. {\"Name\": \"Ada\", \"Age\": 36}."
                    + " Values must fit the column type (see nc_tables_get_schema): text; number within its bounds;"
                    + " selection by option label; check box true/false; date YYYY-MM-DD; time HH:mm; date and time"
                    + " YYYY-MM-DD HH:mm; users and groups as \"alice\", \"group:staff\", \"team:<id>\" or"
                    + " {\"id\": \"alice\", \"type\": \"user\"}, a list where the column takes several."
                    + " Mandatory columns are required.")
            @NotNull @NotEmpty @Size(max = 200) Map<String, Object> values) {
    }

    record UpdateRowInput(
            @Schema(description = "The row's id, from nc_tables_read_rows.", example = "12") @Positive long rowId,
            @Schema(description = "The cells to change, by column title or id; other cells stay as they are. null"
                    + " empties a cell.")
            @NotNull @NotEmpty @Size(max = 200) Map<String, Object> values) {
    }

    record RowIdInput(
            @Schema(description = "The row's id, from nc_tables_read_rows.", example = "12") @Positive long rowId) {
    }

    @Schema(description = "A table.")
    record TableSummary(
            @Schema(description = "The table's id.") long id,
            @Schema(description = "Title.") String title,
            @Schema(description = "Emoji shown with the title.") String emoji,
            @Schema(description = "Description.") String description,
            @Schema(description = "Owner (user id).") String owner,
            @Schema(description = "Number of rows.") int rowsCount,
            @Schema(description = "Number of columns.") int columnsCount) {

        static TableSummary of(TablesModels.TableInfo table) {
            return new TableSummary(table.id(), table.title(), table.emoji(), table.description(), table.owner(),
                    table.rowsCount(), table.columnsCount());
        }
    }

    @Schema(description = "Your tables.")
    record TableList(@Schema(description = "How many.") int count,
            @Schema(description = "The tables.") List<TableSummary> tables) {
    }

    @Schema(description = "A column of a table.")
    record ColumnSummary(
            @Schema(description = "The column's id.") long id,
            @Schema(description = "Title; use it (or the id) as the key of a value.") String title,
            @Schema(description = "text, number, selection, datetime or usergroup.") String type,
            @Schema(description = "Refines the type (text: line/long/link; selection: check/multi; datetime:"
                    + " date/time).") String subtype,
            @Schema(description = "Whether a new row must have a value here.") boolean mandatory,
            @Schema(description = "What a value must look like.") String accepts,
            @Schema(description = "Selection option labels; empty for other types.") List<String> options) {
    }

    @Schema(description = "A view of a table: a saved filter, column choice and sort order.")
    record ViewSummary(@Schema(description = "The view's id; pass it as viewId to nc_tables_read_rows.") long id,
            @Schema(description = "Title.") String title,
            @Schema(description = "Emoji shown with the title.") String emoji,
            @Schema(description = "Description.") String description,
            @Schema(description = "Titles of the columns it shows, in order.") List<String> columns,
            @Schema(description = "Its filter: a row is shown when all rules of one line hold, e.g."
                    + " \"Status is-equal Done and Hours is-greater-than 2\"; empty: every row.") List<String> filter,
            @Schema(description = "Sort order, e.g. \"Due DESC\".") List<String> sort,
            @Schema(description = "How many rows it shows.") int rowsCount) {
    }

    @Schema(description = "A table with its columns and views.")
    record TableSchema(
            @Schema(description = "The table.") TableSummary table,
            @Schema(description = "Its columns, in order.") List<ColumnSummary> columns,
            @Schema(description = "Its views.") List<ViewSummary> views) {
    }

    @Schema(description = "A row.")
    record RowValues(
            @Schema(description = "The row's id.") long id,
            @Schema(description = "The table's id.") long tableId,
            @Schema(description = "Cell values by column title; selections as labels; users and groups as a list of"
                    + " {id, type (user, group or team), displayName}.") Map<String, Object> values,
            @Schema(description = "Last change, as Tables reports it.") String lastEditAt) {
    }

    @Schema(description = "One page of rows.")
    record RowPage(
            @Schema(description = "The table's id.") long tableId,
            @Schema(description = "Rows skipped.") int offset,
            @Schema(description = "Rows asked for.") int limit,
            @Schema(description = "The rows of this page.") List<RowValues> rows,
            @Schema(description = "Whether more rows may follow: ask again with offset + limit.") boolean mayHaveMore) {
    }

    @Schema(description = "The outcome of deleting a row.")
    record RowDeleted(@Schema(description = "The row's id.") long rowId,
            @Schema(description = "Always true: the row is gone.") boolean deleted) {
    }
}
