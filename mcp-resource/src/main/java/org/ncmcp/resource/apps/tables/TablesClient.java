package org.ncmcp.resource.apps.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncmcp.resource.apps.tables.TablesModels.ColumnInfo;
import org.ncmcp.resource.apps.tables.TablesModels.FilterRule;
import org.ncmcp.resource.apps.tables.TablesModels.SortRule;
import org.ncmcp.resource.apps.tables.TablesModels.UsergroupRules;
import org.ncmcp.resource.apps.tables.TablesModels.RowData;
import org.ncmcp.resource.apps.tables.TablesModels.SelectionOption;
import org.ncmcp.resource.apps.tables.TablesModels.TableInfo;
import org.ncmcp.resource.apps.tables.TablesModels.ViewInfo;
import org.ncmcp.resource.nextcloud.NextcloudForbiddenException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProtocolException;
import org.ncmcp.resource.nextcloud.NextcloudRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client of the Tables API v1 ({@code /index.php/apps/tables/api/1}, nextcloud-api.md §1.4). Rows are written as
 * {@code {"data":{"<columnId>":value}}} and read back with {@code data} as an array of {@code {columnId, value}}:
 * the official spec says object, real servers answer the array (neon's 1-broken-spec.json); both are accepted.
 */
public class TablesClient {

    static final String BASE = "/index.php/apps/tables/api/1";

    private final NextcloudHttpClient http;
    private final JsonMapper json;

    public TablesClient(NextcloudHttpClient http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    List<TableInfo> listTables() {
        List<TableInfo> tables = new ArrayList<>();
        for (JsonNode node : get("/tables", "list your tables")) {
            tables.add(table(node));
        }
        return tables;
    }

    TableInfo table(long tableId) {
        return table(get("/tables/" + tableId, "read table " + tableId));
    }

    List<ColumnInfo> columns(long tableId) {
        List<ColumnInfo> columns = new ArrayList<>();
        for (JsonNode node : get("/tables/" + tableId + "/columns", "read the columns of table " + tableId)) {
            List<SelectionOption> options = new ArrayList<>();
            for (JsonNode option : node.path("selectionOptions")) {
                options.add(new SelectionOption(option.path("id").asLong(), option.path("label").asString("")));
            }
            columns.add(new ColumnInfo(node.path("id").asLong(), node.path("title").asString(""),
                    node.path("type").asString(""), node.path("subtype").asString(""),
                    node.path("mandatory").asBoolean(false), number(node.path("numberMin")),
                    number(node.path("numberMax")), options, UsergroupRules.of(flag(node.path("usergroupMultipleItems")),
                            flag(node.path("usergroupSelectUsers")), flag(node.path("usergroupSelectGroups")),
                            flag(node.path("usergroupSelectTeams")))));
        }
        return columns;
    }

    List<ViewInfo> views(long tableId) {
        List<ViewInfo> views = new ArrayList<>();
        for (JsonNode node : get("/tables/" + tableId + "/views", "read the views of table " + tableId)) {
            views.add(view(node));
        }
        return views;
    }

    ViewInfo view(long viewId) {
        return view(get("/views/" + viewId, "read view " + viewId));
    }

    List<RowData> viewRows(long viewId, int limit, int offset) {
        List<RowData> rows = new ArrayList<>();
        for (JsonNode node : get("/views/" + viewId + "/rows?limit=" + limit + "&offset=" + offset,
                "read the rows of view " + viewId)) {
            rows.add(row(node));
        }
        return rows;
    }

    private static ViewInfo view(JsonNode node) {
        List<Long> columns = new ArrayList<>();
        node.path("columns").forEach(column -> columns.add(column.asLong()));
        List<List<FilterRule>> filter = new ArrayList<>();
        for (JsonNode group : node.path("filter")) {
            List<FilterRule> rules = new ArrayList<>();
            for (JsonNode rule : group) {
                rules.add(new FilterRule(rule.path("columnId").asLong(), rule.path("operator").asString(""),
                        rule.path("value").isString() ? rule.path("value").asString()
                        : rule.path("value").isNull() || rule.path("value").isMissingNode() ? ""
                        : rule.path("value").toString()));
            }
            filter.add(rules);
        }
        List<SortRule> sort = new ArrayList<>();
        node.path("sort").forEach(rule -> sort.add(new SortRule(rule.path("columnId").asLong(),
                rule.path("mode").asString("ASC"))));
        return new ViewInfo(node.path("id").asLong(), node.path("title").asString(""), node.path("emoji").asString(""),
                node.path("description").asString(""), node.path("tableId").asLong(), columns, filter, sort,
                node.path("rowsCount").asInt(0));
    }

    List<RowData> rows(long tableId, int limit, int offset) {
        List<RowData> rows = new ArrayList<>();
        for (JsonNode node : get("/tables/" + tableId + "/rows?limit=" + limit + "&offset=" + offset,
                "read the rows of table " + tableId)) {
            rows.add(row(node));
        }
        return rows;
    }

    RowData row(long rowId) {
        return row(get("/rows/" + rowId, "read row " + rowId));
    }

    RowData createRow(long tableId, Map<Long, Object> cells) {
        return row(send(NextcloudRequest.post(BASE + "/tables/" + tableId + "/rows"), cells,
                "insert a row into table " + tableId));
    }

    RowData updateRow(long rowId, Map<Long, Object> cells) {
        return row(send(NextcloudRequest.put(BASE + "/rows/" + rowId), cells, "update row " + rowId));
    }

    void deleteRow(long rowId) {
        call(NextcloudRequest.delete(BASE + "/rows/" + rowId), "delete row " + rowId);
    }

    private JsonNode get(String path, String what) {
        return call(NextcloudRequest.get(BASE + path), what);
    }

    private JsonNode send(NextcloudRequest request, Map<Long, Object> cells, String what) {
        Map<String, Object> data = new LinkedHashMap<>();
        cells.forEach((column, value) -> data.put(Long.toString(column), value));
        return call(request.body("application/json", json.writeValueAsBytes(Map.of("data", data))), what);
    }

    private JsonNode call(NextcloudRequest request, String what) {
        try {
            byte[] body = http.send(request.header("OCS-APIRequest", "true")).body();
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (NextcloudNotFoundException missing) {
            throw new NextcloudNotFoundException(404, "Could not " + what + ": it does not exist. "
                    + "nc_tables_list_tables lists your tables, nc_tables_read_rows a table's rows.");
        } catch (NextcloudForbiddenException refused) {
            throw new NextcloudForbiddenException(403, "Could not " + what + ": you have no access to it.");
        } catch (JacksonException unreadable) {
            throw new NextcloudProtocolException(200, "Tables answered with something that is not JSON when asked to "
                    + what + ".", unreadable);
        }
    }

    private static TableInfo table(JsonNode node) {
        return new TableInfo(node.path("id").asLong(), node.path("title").asString(""), node.path("emoji").asString(""),
                node.path("description").asString(""), node.path("ownership").asString(""),
                node.path("rowsCount").asInt(0), node.path("columnsCount").asInt(0));
    }

    private RowData row(JsonNode node) {
        Map<Long, Object> cells = new LinkedHashMap<>();
        JsonNode data = node.path("data");
        if (data.isArray()) {
            for (JsonNode cell : data) {
                cells.put(cell.path("columnId").asLong(), json.treeToValue(cell.path("value"), Object.class));
            }
        } else if (data.isObject()) {
            data.properties().forEach(e -> cells.put(Long.parseLong(e.getKey()), json.treeToValue(e.getValue(),
                    Object.class)));
        }
        return new RowData(node.path("id").asLong(), node.path("tableId").asLong(), node.path("lastEditAt").asString(""),
                cells);
    }

    private static Boolean flag(JsonNode node) {
        return node.isBoolean() ? node.asBoolean() : null;
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
