package org.ncmcp.e2e.simulator.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the tables a contract fixture's {@code given.tables} describes and names their ids:
 * {@code [{"title","columns":[{"title","type","subtype","mandatory","usergroupMultipleItems","usergroupSelectUsers",
 * "usergroupSelectGroups","usergroupSelectTeams"}],"rows":[{"<column title>": value}],"views":[{"title","emoji",
 * "columns":["<column title>"]}]}]} gives placeholders {@code tableN.id}, {@code tableN.columnM.id}, {@code rowN.id}
 * and {@code viewN.id}, rows and views numbered in order of appearance across all tables.
 */
public final class TablesSeed {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TablesSeed() {
    }

    public static void seed(TablesState tables, String owner, JsonNode given, BiConsumer<String, Object> placeholder) {
        int tableIndex = 0;
        int rows = 0;
        int views = 0;
        for (JsonNode table : given) {
            long tableId = tables.createTable(owner, table.path("title").asString("Table"),
                    table.path("emoji").asString(""), table.path("description").asString("")).id();
            String name = "table" + tableIndex++;
            placeholder.accept(name + ".id", tableId);
            Map<String, Long> columnIds = new LinkedHashMap<>();
            int columnIndex = 0;
            for (JsonNode column : table.path("columns")) {
                String type = column.path("type").asString("text");
                TablesState.Usergroup usergroup = type.equals("usergroup")
                        ? new TablesState.Usergroup(flag(column, "usergroupMultipleItems"),
                                flag(column, "usergroupSelectUsers"), flag(column, "usergroupSelectGroups"),
                                flag(column, "usergroupSelectTeams"))
                        : TablesState.Usergroup.NONE;
                List<String> options = new ArrayList<>();
                column.path("selectionOptions").forEach(option -> options.add(option.asString()));
                long columnId = tables.addColumn(tableId, column.path("title").asString(), type,
                        column.path("subtype").asString(""), column.path("mandatory").asBoolean(false), null, null,
                        options, usergroup).id();
                columnIds.put(column.path("title").asString(), columnId);
                placeholder.accept(name + ".column" + columnIndex++ + ".id", columnId);
            }
            for (JsonNode row : table.path("rows")) {
                Map<Long, Object> data = new LinkedHashMap<>();
                row.properties().forEach(cell -> data.put(columnIds.get(cell.getKey()),
                        JSON.treeToValue(cell.getValue(), Object.class)));
                placeholder.accept("row" + rows++ + ".id", tables.insertRow(tableId, owner, data).id());
            }
            for (JsonNode view : table.path("views")) {
                List<Long> shown = new ArrayList<>();
                view.path("columns").forEach(title -> shown.add(columnIds.get(title.asString())));
                placeholder.accept("view" + views++ + ".id", tables.addView(tableId, view.path("title").asString(),
                        view.path("emoji").asString(""), view.path("description").asString(""), shown, List.of(),
                        List.of()).id());
            }
        }
    }

    private static Boolean flag(JsonNode column, String field) {
        return column.path(field).isBoolean() ? column.path(field).asBoolean() : null;
    }
}
