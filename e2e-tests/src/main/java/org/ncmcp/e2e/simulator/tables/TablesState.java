package org.ncmcp.e2e.simulator.tables;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every user's tables, their columns and rows. Tests seed tables and columns here; rows come through the API. */
public final class TablesState {

    /** A table; {@code owner} is the user id (Tables calls it {@code ownership}). */
    public record Table(long id, String owner, String title, String emoji, String description, long createdAt) {
    }

    /**
     * A column. {@code type} is text, number, selection, datetime or usergroup; {@code subtype} refines it (text:
     * line/long/link; selection: ""/check/multi; datetime: ""/date/time).
     */
    public record Column(long id, long tableId, String title, String type, String subtype, boolean mandatory,
            Double numberMin, Double numberMax, List<Option> selectionOptions, Usergroup usergroup) {
    }

    /**
     * What a usergroup column accepts (Tables' {@code usergroupMultipleItems}, {@code usergroupSelectUsers},
     * {@code …Groups}, {@code …Teams}); null flags for other column types.
     */
    public record Usergroup(Boolean multipleItems, Boolean selectUsers, Boolean selectGroups, Boolean selectTeams) {

        static final Usergroup NONE = new Usergroup(null, null, null, null);
    }

    /** A filter rule of a view: {@code {columnId, operator, value}} (Tables' TablesView.filter). */
    public record FilterRule(long columnId, String operator, Object value) {
    }

    /**
     * A view: a table's rows through a filter (groups of rules; rules in a group all hold, any group may match),
     * showing some columns, sorted ({@code columnId → ASC|DESC}).
     */
    public record View(long id, long tableId, String title, String emoji, String description, List<Long> columns,
            List<List<FilterRule>> filter, List<Map<String, Object>> sort, long createdAt) {
    }

    public record Option(long id, String label) {
    }

    /** A row; {@code data} maps column id to value. */
    record Row(long id, long tableId, String createdBy, long createdAt, String lastEditBy, long lastEditAt,
            Map<Long, Object> data) {
    }

    private final Clock clock;
    private final Map<Long, Table> tables = new ConcurrentHashMap<>();
    private final Map<Long, Column> columns = new ConcurrentHashMap<>();
    private final Map<Long, Row> rows = new ConcurrentHashMap<>();
    private final Map<Long, View> views = new ConcurrentHashMap<>();
    private final AtomicLong nextViewId = new AtomicLong(1);
    private final AtomicLong nextTableId = new AtomicLong(1);
    private final AtomicLong nextColumnId = new AtomicLong(1);
    private final AtomicLong nextRowId = new AtomicLong(1);

    public TablesState(Clock clock) {
        this.clock = clock;
    }

    public Table createTable(String owner, String title, String emoji, String description) {
        Table table = new Table(nextTableId.getAndIncrement(), owner, title, emoji, description,
                clock.instant().getEpochSecond());
        tables.put(table.id(), table);
        return table;
    }

    public Column addColumn(long tableId, String title, String type, String subtype, boolean mandatory,
            Double numberMin, Double numberMax, List<String> options) {
        return addColumn(tableId, title, type, subtype, mandatory, numberMin, numberMax, options, Usergroup.NONE);
    }

    public Column addColumn(long tableId, String title, String type, String subtype, boolean mandatory,
            Double numberMin, Double numberMax, List<String> options, Usergroup usergroup) {
        List<Option> selection = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            selection.add(new Option(i + 1, options.get(i)));
        }
        Column column = new Column(nextColumnId.getAndIncrement(), tableId, title, type, subtype, mandatory, numberMin,
                numberMax, List.copyOf(selection), usergroup);
        columns.put(column.id(), column);
        return column;
    }

    public View addView(long tableId, String title, String emoji, String description, List<Long> columns,
            List<List<FilterRule>> filter, List<Map<String, Object>> sort) {
        View view = new View(nextViewId.getAndIncrement(), tableId, title, emoji, description, List.copyOf(columns),
                List.copyOf(filter), List.copyOf(sort), clock.instant().getEpochSecond());
        views.put(view.id(), view);
        return view;
    }

    Optional<View> view(long id) {
        return Optional.ofNullable(views.get(id));
    }

    List<View> viewsOf(long tableId) {
        return views.values().stream().filter(v -> v.tableId() == tableId).sorted(Comparator.comparingLong(View::id))
                .toList();
    }

    Optional<Table> table(long id) {
        return Optional.ofNullable(tables.get(id));
    }

    List<Table> tablesOf(String owner) {
        return tables.values().stream().filter(t -> t.owner().equals(owner))
                .sorted(Comparator.comparingLong(Table::id)).toList();
    }

    boolean deleteTable(long id) {
        columns.values().removeIf(c -> c.tableId() == id);
        views.values().removeIf(v -> v.tableId() == id);
        rows.values().removeIf(r -> r.tableId() == id);
        return tables.remove(id) != null;
    }

    List<Column> columnsOf(long tableId) {
        return columns.values().stream().filter(c -> c.tableId() == tableId)
                .sorted(Comparator.comparingLong(Column::id)).toList();
    }

    List<Row> rowsOf(long tableId) {
        return rows.values().stream().filter(r -> r.tableId() == tableId)
                .sorted(Comparator.comparingLong(Row::id)).toList();
    }

    Optional<Row> row(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    synchronized Row insertRow(long tableId, String user, Map<Long, Object> data) {
        long now = clock.instant().getEpochSecond();
        Row row = new Row(nextRowId.getAndIncrement(), tableId, user, now, user, now, new LinkedHashMap<>(data));
        rows.put(row.id(), row);
        return row;
    }

    synchronized Row updateRow(long id, String user, Map<Long, Object> changes) {
        Row old = rows.get(id);
        Map<Long, Object> data = new LinkedHashMap<>(old.data());
        data.putAll(changes);
        Row row = new Row(id, old.tableId(), old.createdBy(), old.createdAt(), user, clock.instant().getEpochSecond(),
                data);
        rows.put(id, row);
        return row;
    }

    boolean deleteRow(long id) {
        return rows.remove(id) != null;
    }
}
