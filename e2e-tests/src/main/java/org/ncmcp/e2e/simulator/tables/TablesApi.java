package org.ncmcp.e2e.simulator.tables;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import org.ncmcp.e2e.simulator.state.Caller;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import org.ncmcp.e2e.simulator.tables.TablesState.Column;
import org.ncmcp.e2e.simulator.tables.TablesState.Row;
import org.ncmcp.e2e.simulator.tables.TablesState.Table;
import org.ncmcp.e2e.simulator.tables.TablesState.View;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Tables app's API v1 (nextcloud-api.md §1.4, nextcloud/tables {@code openapi.json}): plain JSON, errors as
 * {@code {"message":"…"}}; tables, their columns and views, rows paged by {@code limit}/{@code offset}. Rows are
 * written as {@code {"data":{"<columnId>":value}}} but read back with {@code data} as an <b>array</b> of
 * {@code {columnId, value}} (the spec says object; neon's patch 1-broken-spec.json). Deleting a table or row
 * answers the deleted item. Cell values are checked as Tables' RowService does (nextcloud/tables
 * {@code lib/Service/RowService.php}, {@code ColumnTypes/UsergroupBusiness.php}): a usergroup value is a list of
 * {@code {id, type}} (type 0 user, 1 group, 2 team), and a mandatory column cannot be left or made empty; both
 * refusals are 400 with Tables' message. Views show the rows matching their filter, with their columns only.
 */
public final class TablesApi {

    private static final String BASE = "(?:/index\\.php)?/apps/tables/api/1";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final SimulatorState state;
    private final TablesState tables;
    private final JsonMapper json;

    public TablesApi(SimulatorState state, TablesState tables, JsonMapper json) {
        this.state = state;
        this.tables = tables;
        this.json = json;
    }

    public void register(Router router) {
        router.on("GET", BASE + "/tables", this::listTables)
                .on("POST", BASE + "/tables", this::createTable)
                .on("GET", BASE + "/tables/([0-9]+)", this::getTable)
                .on("DELETE", BASE + "/tables/([0-9]+)", this::deleteTable)
                .on("GET", BASE + "/tables/([0-9]+)/columns", this::listColumns)
                .on("POST", BASE + "/tables/([0-9]+)/columns", this::createColumn)
                .on("GET", BASE + "/tables/([0-9]+)/views", this::listViews)
                .on("POST", BASE + "/tables/([0-9]+)/views", this::createView)
                .on("GET", BASE + "/views/([0-9]+)", this::getView)
                .on("GET", BASE + "/views/([0-9]+)/rows", this::listViewRows)
                .on("GET", BASE + "/tables/([0-9]+)/rows", this::listRows)
                .on("POST", BASE + "/tables/([0-9]+)/rows", this::createRow)
                .on("GET", BASE + "/rows/([0-9]+)", this::getRow)
                .on("PUT", BASE + "/rows/([0-9]+)", this::updateRow)
                .on("DELETE", BASE + "/rows/([0-9]+)", this::deleteRow);
    }

    private Optional<String> authenticate(SimExchange exchange) throws IOException {
        Optional<Caller> caller = state.authenticateHeader(exchange.header("Authorization"));
        if (caller.isEmpty()) {
            exchange.setHeader("WWW-Authenticate", "Basic realm=\"Nextcloud\"");
            message(exchange, 401, "Current user is not logged in");
            return Optional.empty();
        }
        return Optional.of(caller.get().user().userId());
    }

    /** The caller's table, or an answer: 404 when it does not exist, 403 when it is someone else's. */
    private Optional<Table> ownTable(SimExchange exchange, String user, long id) throws IOException {
        Optional<Table> table = tables.table(id);
        if (table.isEmpty()) {
            message(exchange, 404, "NotFoundError: table " + id + " not found");
            return Optional.empty();
        }
        if (!table.get().owner().equals(user)) {
            message(exchange, 403, "PermissionError: can not read table " + id);
            return Optional.empty();
        }
        return table;
    }

    private Optional<Row> ownRow(SimExchange exchange, String user, long id) throws IOException {
        Optional<Row> row = tables.row(id);
        if (row.isEmpty()) {
            message(exchange, 404, "NotFoundError: row " + id + " not found");
            return Optional.empty();
        }
        if (!tables.table(row.get().tableId()).map(t -> t.owner().equals(user)).orElse(false)) {
            message(exchange, 403, "PermissionError: can not read row " + id);
            return Optional.empty();
        }
        return row;
    }

    private void listTables(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isPresent()) {
            List<Object> result = new ArrayList<>();
            for (Table table : tables.tablesOf(user.get())) {
                result.add(table(table));
            }
            send(exchange, 200, result);
        }
    }

    private void createTable(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isEmpty()) {
            return;
        }
        JsonNode body = body(exchange);
        String title = body.path("title").asString(exchange.query("title"));
        if (title == null || title.isBlank()) {
            message(exchange, 400, "A title is required");
            return;
        }
        Table table = tables.createTable(user.get(), title, body.path("emoji").asString(""),
                body.path("description").asString(""));
        send(exchange, 200, table(table));
    }

    private void getTable(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isPresent()) {
            Optional<Table> table = ownTable(exchange, user.get(), id(exchange));
            if (table.isPresent()) {
                send(exchange, 200, table(table.get()));
            }
        }
    }

    private void deleteTable(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isPresent()) {
            Optional<Table> table = ownTable(exchange, user.get(), id(exchange));
            if (table.isPresent()) {
                Map<String, Object> deleted = table(table.get());
                // neon: the deleted table comes back with an empty ownerDisplayName.
                deleted.put("ownerDisplayName", "");
                tables.deleteTable(table.get().id());
                send(exchange, 200, deleted);
            }
        }
    }

    private void listColumns(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isPresent() && ownTable(exchange, user.get(), id(exchange)).isPresent()) {
            List<Object> result = new ArrayList<>();
            for (Column column : tables.columnsOf(id(exchange))) {
                result.add(column(column, user.get()));
            }
            send(exchange, 200, result);
        }
    }

    /** {@code title}, {@code type}, {@code subtype}, {@code mandatory}, number bounds, selection option labels. */
    private void createColumn(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isEmpty() || ownTable(exchange, user.get(), id(exchange)).isEmpty()) {
            return;
        }
        JsonNode body = body(exchange);
        String title = body.path("title").asString("");
        String type = body.path("type").asString("");
        if (title.isBlank() || !List.of("text", "number", "selection", "datetime", "usergroup").contains(type)) {
            message(exchange, 400, "A column needs a title and a type (text, number, selection, datetime, usergroup)");
            return;
        }
        List<String> options = new ArrayList<>();
        for (JsonNode option : body.path("selectionOptions")) {
            options.add(option.isObject() ? option.path("label").asString() : option.asString());
        }
        TablesState.Usergroup usergroup = type.equals("usergroup")
                ? new TablesState.Usergroup(flag(body.path("usergroupMultipleItems")),
                        flag(body.path("usergroupSelectUsers")), flag(body.path("usergroupSelectGroups")),
                        flag(body.path("usergroupSelectTeams")))
                : TablesState.Usergroup.NONE;
        Column column = tables.addColumn(id(exchange), title, type, body.path("subtype").asString(""),
                body.path("mandatory").asBoolean(false), number(body.path("numberMin")), number(body.path("numberMax")),
                options, usergroup);
        send(exchange, 200, column(column, user.get()));
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    private static Boolean flag(JsonNode node) {
        return node.isBoolean() ? node.asBoolean() : null;
    }

    private void listViews(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isPresent() && ownTable(exchange, user.get(), id(exchange)).isPresent()) {
            List<Object> result = new ArrayList<>();
            for (View view : tables.viewsOf(id(exchange))) {
                result.add(view(view, user.get()));
            }
            send(exchange, 200, result);
        }
    }

    /** {@code title} (required) and {@code emoji}; a new view shows every column and filters nothing. */
    private void createView(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isEmpty() || ownTable(exchange, user.get(), id(exchange)).isEmpty()) {
            return;
        }
        JsonNode body = body(exchange);
        String title = body.path("title").asString(exchange.query("title"));
        if (title == null || title.isBlank()) {
            message(exchange, 400, "A title is required");
            return;
        }
        List<Long> columns = tables.columnsOf(id(exchange)).stream().map(Column::id).toList();
        View view = tables.addView(id(exchange), title, body.path("emoji").asString(""), "", columns, List.of(),
                List.of());
        send(exchange, 200, view(view, user.get()));
    }

    private Optional<View> ownView(SimExchange exchange, String user, long id) throws IOException {
        Optional<View> view = tables.view(id);
        if (view.isEmpty()) {
            message(exchange, 404, "NotFoundError: view " + id + " not found");
            return Optional.empty();
        }
        if (!tables.table(view.get().tableId()).map(t -> t.owner().equals(user)).orElse(false)) {
            message(exchange, 403, "PermissionError: can not read view " + id);
            return Optional.empty();
        }
        return view;
    }

    private void getView(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isPresent()) {
            Optional<View> view = ownView(exchange, user.get(), id(exchange));
            if (view.isPresent()) {
                send(exchange, 200, view(view.get(), user.get()));
            }
        }
    }

    private void listViewRows(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isEmpty()) {
            return;
        }
        Optional<View> view = ownView(exchange, user.get(), id(exchange));
        if (view.isEmpty()) {
            return;
        }
        int offset = parse(exchange.query("offset"), 0);
        int limit = parse(exchange.query("limit"), Integer.MAX_VALUE);
        if (offset < 0 || limit < 0) {
            message(exchange, 400, "limit and offset must not be negative");
            return;
        }
        List<Row> matching = ViewRows.of(view.get(), tables.rowsOf(view.get().tableId()));
        List<Object> result = new ArrayList<>();
        for (int i = offset; i < matching.size() && result.size() < limit; i++) {
            result.add(row(matching.get(i)));
        }
        send(exchange, 200, result);
    }

    private void listRows(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isEmpty() || ownTable(exchange, user.get(), id(exchange)).isEmpty()) {
            return;
        }
        int offset = parse(exchange.query("offset"), 0);
        int limit = parse(exchange.query("limit"), Integer.MAX_VALUE);
        if (offset < 0 || limit < 0) {
            message(exchange, 400, "limit and offset must not be negative");
            return;
        }
        List<Object> result = new ArrayList<>();
        List<Row> all = tables.rowsOf(id(exchange));
        for (int i = offset; i < all.size() && result.size() < limit; i++) {
            result.add(row(all.get(i)));
        }
        send(exchange, 200, result);
    }

    private void createRow(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isEmpty() || ownTable(exchange, user.get(), id(exchange)).isEmpty()) {
            return;
        }
        Optional<Map<Long, Object>> data = data(exchange, id(exchange), Map.of());
        if (data.isPresent()) {
            send(exchange, 200, row(tables.insertRow(id(exchange), user.get(), data.get())));
        }
    }

    private void getRow(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isPresent()) {
            Optional<Row> row = ownRow(exchange, user.get(), id(exchange));
            if (row.isPresent()) {
                send(exchange, 200, row(row.get()));
            }
        }
    }

    private void updateRow(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isEmpty()) {
            return;
        }
        Optional<Row> row = ownRow(exchange, user.get(), id(exchange));
        if (row.isEmpty()) {
            return;
        }
        Optional<Map<Long, Object>> data = data(exchange, row.get().tableId(), row.get().data());
        if (data.isPresent()) {
            send(exchange, 200, row(tables.updateRow(row.get().id(), user.get(), data.get())));
        }
    }

    private void deleteRow(SimExchange exchange) throws IOException {
        Optional<String> user = authenticate(exchange);
        if (user.isEmpty()) {
            return;
        }
        Optional<Row> row = ownRow(exchange, user.get(), id(exchange));
        if (row.isPresent()) {
            tables.deleteRow(row.get().id());
            send(exchange, 200, row(row.get()));
        }
    }

    /**
     * {@code {"data":{"<colId>":value}}}, where data may also be a JSON string (§1.4); columns must be the table's,
     * values fit their column, and mandatory columns stay filled ({@code existing}: the row's cells on update).
     */
    private Optional<Map<Long, Object>> data(SimExchange exchange, long tableId, Map<Long, Object> existing)
            throws IOException {
        JsonNode data = body(exchange).path("data");
        if (data.isString()) {
            try {
                data = json.readTree(data.asString());
            } catch (JacksonException malformed) {
                data = null;
            }
        }
        if (data == null || !data.isObject()) {
            message(exchange, 400, "data must be an object of column id to value");
            return Optional.empty();
        }
        List<Column> columns = tables.columnsOf(tableId);
        Map<Long, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> cell : data.properties()) {
            long columnId = parse(cell.getKey(), -1);
            Optional<Column> column = columns.stream().filter(c -> c.id() == columnId).findFirst();
            if (column.isEmpty()) {
                message(exchange, 400, "Column with id " + cell.getKey() + " is not part of table with id " + tableId);
                return Optional.empty();
            }
            JsonNode value = cell.getValue();
            if (column.get().type().equals("usergroup") && !value.isNull()) {
                Optional<String> refused = usergroupProblem(value);
                if (refused.isPresent()) {
                    message(exchange, 400, refused.get());
                    return Optional.empty();
                }
                if (value.isString()) {
                    value = json.readTree(value.asString());
                }
            }
            values.put(columnId, json.treeToValue(value, Object.class));
        }
        for (Column column : columns) {
            if (!column.mandatory() || column.subtype().equals("check")) {
                continue;
            }
            if (values.containsKey(column.id()) ? empty(values.get(column.id())) : !existing.containsKey(column.id())) {
                message(exchange, 400, "Mandatory column \"" + column.title() + "\" cannot be empty"
                        + (values.containsKey(column.id()) ? " or invalid." : "."));
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    /** UsergroupBusiness::validateValue: a list (or its JSON text) of entries with a string id. */
    private Optional<String> usergroupProblem(JsonNode value) {
        JsonNode list = value;
        if (value.isString()) {
            try {
                list = json.readTree(value.asString());
            } catch (JacksonException malformed) {
                return Optional.of("Invalid value for usergroup column");
            }
        }
        if (!list.isArray() && !list.isObject()) {
            return Optional.of("Invalid value for usergroup column");
        }
        for (JsonNode entry : list) {
            if (!entry.path("id").isString()) {
                // Tables' own wording, for users and groups too
                return Optional.of("Invalid circle id");
            }
        }
        return Optional.empty();
    }

    private static boolean empty(Object value) {
        return value == null || "".equals(value) || (value instanceof List<?> list && list.isEmpty());
    }

    private Map<String, Object> table(Table table) {
        String owner = table.owner();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", table.id());
        out.put("title", table.title());
        out.put("emoji", table.emoji());
        out.put("ownership", owner);
        out.put("ownerDisplayName", state.user(owner).map(u -> u.displayName()).orElse(owner));
        out.put("createdBy", owner);
        out.put("createdAt", timestamp(table.createdAt()));
        out.put("lastEditBy", owner);
        out.put("lastEditAt", timestamp(table.createdAt()));
        out.put("archived", false);
        out.put("favorite", false);
        out.put("isShared", false);
        out.put("onSharePermissions", null);
        out.put("hasShares", false);
        out.put("rowsCount", tables.rowsOf(table.id()).size());
        out.put("description", table.description());
        List<Object> views = new ArrayList<>();
        tables.viewsOf(table.id()).forEach(view -> views.add(view(view, owner)));
        out.put("views", views);
        out.put("columnsCount", tables.columnsOf(table.id()).size());
        out.put("columnOrder", List.of());
        out.put("sort", List.of());
        return out;
    }

    private Map<String, Object> column(Column column, String user) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", column.id());
        out.put("title", column.title());
        out.put("tableId", column.tableId());
        out.put("createdBy", user);
        out.put("createdAt", timestamp(0));
        out.put("lastEditBy", user);
        out.put("lastEditAt", timestamp(0));
        out.put("type", column.type());
        out.put("subtype", column.subtype());
        out.put("mandatory", column.mandatory());
        out.put("description", "");
        out.put("orderWeight", 0);
        out.put("numberDefault", null);
        out.put("numberMin", column.numberMin());
        out.put("numberMax", column.numberMax());
        out.put("numberDecimals", 0);
        out.put("numberPrefix", "");
        out.put("numberSuffix", "");
        out.put("textDefault", "");
        out.put("textAllowedPattern", "");
        out.put("textMaxLength", null);
        List<Object> options = new ArrayList<>();
        column.selectionOptions().forEach(o -> options.add(Map.of("id", o.id(), "label", o.label())));
        out.put("selectionOptions", options);
        out.put("selectionDefault", "");
        out.put("datetimeDefault", "");
        boolean usergroup = column.type().equals("usergroup");
        out.put("usergroupDefault", usergroup ? "" : null);
        out.put("usergroupMultipleItems", column.usergroup().multipleItems());
        out.put("usergroupSelectUsers", column.usergroup().selectUsers());
        out.put("usergroupSelectGroups", column.usergroup().selectGroups());
        out.put("usergroupSelectTeams", column.usergroup().selectTeams());
        out.put("showUserStatus", usergroup ? false : null);
        return out;
    }

    /** TablesView (nextcloud/tables {@code lib/ResponseDefinitions.php}). */
    private Map<String, Object> view(View view, String user) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", view.id());
        out.put("title", view.title());
        out.put("emoji", view.emoji());
        out.put("tableId", view.tableId());
        out.put("ownership", user);
        out.put("ownerDisplayName", state.user(user).map(u -> u.displayName()).orElse(user));
        out.put("createdBy", user);
        out.put("createdAt", timestamp(view.createdAt()));
        out.put("lastEditBy", user);
        out.put("lastEditAt", timestamp(view.createdAt()));
        out.put("description", view.description());
        out.put("columns", view.columns());
        List<Object> settings = new ArrayList<>();
        for (int i = 0; i < view.columns().size(); i++) {
            settings.add(Map.of("columnId", view.columns().get(i), "order", i, "readonly", false));
        }
        out.put("columnSettings", settings);
        out.put("sort", view.sort());
        List<Object> filter = new ArrayList<>();
        for (List<TablesState.FilterRule> group : view.filter()) {
            filter.add(group.stream().map(rule -> Map.of("columnId", rule.columnId(), "operator", rule.operator(),
                    "value", rule.value())).toList());
        }
        out.put("filter", filter);
        out.put("isShared", false);
        out.put("favorite", false);
        out.put("onSharePermissions", null);
        out.put("hasShares", false);
        out.put("rowsCount", ViewRows.of(view, tables.rowsOf(view.tableId())).size());
        return out;
    }

    private Map<String, Object> row(Row row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", row.id());
        out.put("tableId", row.tableId());
        out.put("createdBy", row.createdBy());
        out.put("createdAt", timestamp(row.createdAt()));
        out.put("lastEditBy", row.lastEditBy());
        out.put("lastEditAt", timestamp(row.lastEditAt()));
        List<Object> cells = new ArrayList<>();
        row.data().forEach((columnId, value) -> {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("columnId", columnId);
            cell.put("value", value);
            cells.add(cell);
        });
        out.put("data", cells);
        return out;
    }

    private static String timestamp(long epochSecond) {
        return TIMESTAMP.format(Instant.ofEpochSecond(epochSecond));
    }

    private JsonNode body(SimExchange exchange) throws IOException {
        if (exchange.body().length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(exchange.body());
        } catch (JacksonException malformed) {
            return json.createObjectNode();
        }
    }

    private static long id(SimExchange exchange) {
        return Long.parseLong(exchange.pathGroup(1));
    }

    private static int parse(String text, int otherwise) {
        try {
            return text == null ? otherwise : Integer.parseInt(text);
        } catch (NumberFormatException malformed) {
            return otherwise;
        }
    }

    private void message(SimExchange exchange, int status, String message) throws IOException {
        send(exchange, status, Map.of("message", message));
    }

    private void send(SimExchange exchange, int status, Object body) throws IOException {
        exchange.sendJson(status, json.writeValueAsString(body));
    }
}
