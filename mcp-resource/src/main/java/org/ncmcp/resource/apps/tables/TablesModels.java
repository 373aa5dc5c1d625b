package org.ncmcp.resource.apps.tables;

import java.util.List;
import java.util.Map;

/** What the Tables API v1 returns, reduced to what the tools use (nextcloud-api.md §1.4). */
final class TablesModels {

    private TablesModels() {
    }

    record TableInfo(long id, String title, String emoji, String description, String owner, int rowsCount,
            int columnsCount) {
    }

    record SelectionOption(long id, String label) {
    }

    /**
     * A column. {@code type}: text, number, selection, datetime, usergroup; {@code subtype} refines it (text:
     * line/long/link/rich; selection: "" single, check, multi; datetime: "" date and time, date, time).
     */
    record ColumnInfo(long id, String title, String type, String subtype, boolean mandatory, Double numberMin,
            Double numberMax, List<SelectionOption> options) {
    }

    record ViewInfo(long id, String title) {
    }

    /** A row: cell values by column id, as Tables stores them (selection as option ids). */
    record RowData(long id, long tableId, String lastEditAt, Map<Long, Object> cells) {
    }
}
