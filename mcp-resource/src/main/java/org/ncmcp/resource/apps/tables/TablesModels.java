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
            Double numberMax, List<SelectionOption> options, UsergroupRules usergroup) {

        ColumnInfo(long id, String title, String type, String subtype, boolean mandatory, Double numberMin,
                Double numberMax, List<SelectionOption> options) {
            this(id, title, type, subtype, mandatory, numberMin, numberMax, options, UsergroupRules.ANY);
        }
    }

    /**
     * What a usergroup column accepts ({@code usergroupMultipleItems}, {@code usergroupSelectUsers/Groups/Teams}).
     * A column that allows no kind explicitly (older columns carry nulls) is taken to allow every kind.
     */
    record UsergroupRules(boolean multiple, boolean users, boolean groups, boolean teams) {

        static final UsergroupRules ANY = new UsergroupRules(true, true, true, true);

        static UsergroupRules of(Boolean multiple, Boolean users, Boolean groups, Boolean teams) {
            boolean anyKind = Boolean.TRUE.equals(users) || Boolean.TRUE.equals(groups) || Boolean.TRUE.equals(teams);
            return anyKind ? new UsergroupRules(Boolean.TRUE.equals(multiple), Boolean.TRUE.equals(users),
                    Boolean.TRUE.equals(groups), Boolean.TRUE.equals(teams))
                    : new UsergroupRules(Boolean.TRUE.equals(multiple), true, true, true);
        }
    }

    /** A filter rule of a view: the column, Tables' operator (is-equal, contains, …) and the value compared with. */
    record FilterRule(long columnId, String operator, String value) {
    }

    /** {@code filter}: groups of rules; a row is shown when every rule of some group holds. */
    record ViewInfo(long id, String title, String emoji, String description, long tableId, List<Long> columns,
            List<List<FilterRule>> filter, List<SortRule> sort, int rowsCount) {
    }

    record SortRule(long columnId, String mode) {
    }

    /** A row: cell values by column id, as Tables stores them (selection as option ids). */
    record RowData(long id, long tableId, String lastEditAt, Map<Long, Object> cells) {
    }
}
