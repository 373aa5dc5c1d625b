package org.ncmcp.e2e.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.mcp.SingleUserStack.id;
import static org.ncmcp.e2e.mcp.SingleUserStack.text;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.mcp.SingleUserStack;
import org.ncmcp.e2e.simulator.tables.TablesState.FilterRule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Tables tools through a real MCP client, mcp-resource (single-user, as alice) and the simulator's Tables API
 * v1: each tool's happy path and its not-found or invalid-value path. Tables and columns are set up through the
 * simulator's API as alice; bob's table shows that another user's table is refused.
 */
class TablesOverMcpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    @AutoClose
    private static SingleUserStack stack;
    private static long tasks;
    private static long bobsTable;
    private static String alicePassword;

    @BeforeAll
    static void start() {
        stack = SingleUserStack.start("alice");
        stack.nextcloud().state().addUser("bob", "bob", "Bob", "bob-login");
        alicePassword = stack.appPassword();
        tasks = post("alice", alicePassword, "/tables", "{\"title\":\"Tasks\",\"emoji\":\"✅\"}").path("id").asLong();
        post("alice", alicePassword, "/tables/" + tasks + "/columns",
                "{\"title\":\"Name\",\"type\":\"text\",\"subtype\":\"line\",\"mandatory\":true}");
        post("alice", alicePassword, "/tables/" + tasks + "/columns",
                "{\"title\":\"Hours\",\"type\":\"number\",\"numberMin\":0,\"numberMax\":100}");
        post("alice", alicePassword, "/tables/" + tasks + "/columns",
                "{\"title\":\"Status\",\"type\":\"selection\",\"selectionOptions\":[\"Open\",\"Done\"]}");
        post("alice", alicePassword, "/tables/" + tasks + "/columns",
                "{\"title\":\"Due\",\"type\":\"datetime\",\"subtype\":\"date\"}");
        String bobPassword = stack.nextcloud().state().issueAppPassword("bob");
        bobsTable = post("bob", bobPassword, "/tables", "{\"title\":\"Bob's secrets\"}").path("id").asLong();
    }

    private static JsonNode post(String user, String password, String path, String body) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.nextcloud().baseUri() + "/index.php/apps/tables/api/1"
                        + path)).header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    @Test
    void listTablesShowsOnlyMyTables() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tables = (List<Map<String, Object>>) stack.ok("nc_tables_list_tables").get("tables");
        assertThat(tables).extracting(t -> t.get("title")).contains("Tasks").doesNotContain("Bob's secrets");
        assertThat(tables.get(0).get("columnsCount")).isEqualTo(4);
    }

    @Test
    void schemaListsColumnsWithWhatTheyAcceptAndMissingOrForeignTablesAreRefused() {
        Map<String, Object> schema = stack.ok("nc_tables_get_schema", "tableId", tasks);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> columns = (List<Map<String, Object>>) schema.get("columns");
        assertThat(columns).extracting(c -> c.get("title")).containsExactly("Name", "Hours", "Status", "Due");
        assertThat(columns.get(1).get("accepts")).isEqualTo("number from 0 to 100");
        assertThat(columns.get(2).get("options")).isEqualTo(List.of("Open", "Done"));
        assertThat(schema.get("views")).isEqualTo(List.of());
        assertThat(stack.error("nc_tables_get_schema", "tableId", 999_999)).contains("does not exist");
        assertThat(stack.error("nc_tables_get_schema", "tableId", bobsTable)).contains("no access");
    }

    @Test
    void insertReadPagedUpdateAndDeleteARow() {
        Map<String, Object> first = stack.ok("nc_tables_insert_row", "tableId", tasks, "values",
                Map.of("Name", "Write report", "Hours", 3, "status", "Open", "Due", "2026-03-01"));
        assertThat(first.get("values")).isEqualTo(Map.of("Name", "Write report", "Hours", 3, "Status", "Open",
                "Due", "2026-03-01"));
        stack.ok("nc_tables_insert_row", "tableId", tasks, "values", Map.of("Name", "Second"));
        stack.ok("nc_tables_insert_row", "tableId", tasks, "values", Map.of("Name", "Third"));

        Map<String, Object> page = stack.ok("nc_tables_read_rows", "tableId", tasks, "limit", 2, "offset", 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) page.get("rows");
        assertThat(rows).extracting(r -> (Object) ((Map<?, ?>) r.get("values")).get("Name"))
                .containsExactly("Second", "Third");
        assertThat(page.get("mayHaveMore")).isEqualTo(true);

        Map<String, Object> updated = stack.ok("nc_tables_update_row", "rowId", id(first), "values",
                Map.of("Status", "Done"));
        assertThat(((Map<?, ?>) updated.get("values")).get("Status")).isEqualTo("Done");
        assertThat(((Map<?, ?>) updated.get("values")).get("Name")).isEqualTo("Write report");

        assertThat(stack.ok("nc_tables_delete_row", "rowId", id(first)).get("deleted")).isEqualTo(true);
        assertThat(stack.error("nc_tables_delete_row", "rowId", id(first))).contains("does not exist");
        assertThat(stack.error("nc_tables_update_row", "rowId", id(first), "values", Map.of("Name", "x")))
                .contains("does not exist");
    }

    @Test
    void valuesThatDoNotFitTheColumnsAreRefusedBeforeAnythingIsWritten() {
        String refused = stack.error("nc_tables_insert_row", "tableId", tasks, "values",
                Map.of("Hours", 500, "Status", "Someday", "Colour", "red"));
        assertThat(refused).contains("500 is out of range", "'Someday' is not an option", "no column 'Colour'",
                "'Name' is mandatory");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) stack.ok("nc_tables_read_rows", "tableId", tasks,
                "limit", 500).get("rows");
        assertThat(rows).noneMatch(r -> ((Map<?, ?>) r.get("values")).containsKey("Hours")
                && Integer.valueOf(500).equals(((Map<?, ?>) r.get("values")).get("Hours")));
        assertThat(stack.error("nc_tables_read_rows", "tableId", 999_999)).contains("does not exist");
        assertThat(stack.error("nc_tables_insert_row", "tableId", 999_999, "values", Map.of("Name", "x")))
                .contains("does not exist");
    }

    @Test
    @SuppressWarnings("unchecked")
    void usersAndGroupsAreWrittenAsTablesStoresThemAndCheckedAgainstTheColumn() {
        long team = post("alice", alicePassword, "/tables", "{\"title\":\"Team\"}").path("id").asLong();
        post("alice", alicePassword, "/tables/" + team + "/columns", "{\"title\":\"Topic\",\"type\":\"text\"}");
        post("alice", alicePassword, "/tables/" + team + "/columns", "{\"title\":\"Owner\",\"type\":\"usergroup\","
                + "\"usergroupSelectUsers\":true,\"usergroupSelectGroups\":false,\"usergroupMultipleItems\":false}");
        post("alice", alicePassword, "/tables/" + team + "/columns", "{\"title\":\"Watchers\",\"type\":\"usergroup\","
                + "\"usergroupSelectUsers\":true,\"usergroupSelectGroups\":true,\"usergroupMultipleItems\":true}");

        List<Map<String, Object>> columns = (List<Map<String, Object>>) stack.ok("nc_tables_get_schema", "tableId", team)
                .get("columns");
        assertThat(columns.get(1).get("accepts")).isEqualTo("user id (e.g. \"alice\") (or {id, type}), exactly one");
        assertThat((String) columns.get(2).get("accepts")).contains("\"group:<group id>\"", "a list of several");

        Map<String, Object> row = stack.ok("nc_tables_insert_row", "tableId", team, "values", Map.of("Topic", "Roadmap",
                "Owner", "alice", "Watchers", List.of("bob", "group:staff")));
        Map<String, Object> values = (Map<String, Object>) row.get("values");
        assertThat(values.get("Owner"))
                .isEqualTo(List.of(Map.of("id", "alice", "type", "user", "displayName", "alice")));
        assertThat((List<Map<String, Object>>) values.get("Watchers"))
                .extracting(w -> w.get("type") + ":" + w.get("id")).containsExactly("user:bob", "group:staff");
        // on the wire: Tables' own shape, a list of {id, type} with type 0 for users and 1 for groups
        JsonNode stored = get("/rows/" + id(row));
        assertThat(stored.path("data").toString()).contains("{\"id\":\"alice\",\"type\":0",
                "{\"id\":\"staff\",\"type\":1");

        Map<String, Object> updated = stack.ok("nc_tables_update_row", "rowId", id(row), "values",
                Map.of("Watchers", List.of(Map.of("id", "carol", "type", "user"))));
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) updated.get("values")).get("Watchers"))
                .extracting(w -> w.get("id")).containsExactly("carol");

        assertThat(stack.error("nc_tables_insert_row", "tableId", team, "values", Map.of("Owner", List.of("alice", "bob"))))
                .contains("column 'Owner'", "holds one entry");
        assertThat(stack.error("nc_tables_insert_row", "tableId", team, "values", Map.of("Owner", "group:staff")))
                .contains("does not take a group");
        assertThat(stack.error("nc_tables_insert_row", "tableId", team, "values", Map.of("Watchers", List.of("team:x"))))
                .contains("does not take a team");
        assertThat(stack.error("nc_tables_insert_row", "tableId", team, "values", Map.of("Watchers", 42)))
                .contains("expected a user id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void viewsAreInTheSchemaAndRowsCanBeReadThroughOne() {
        long backlog = post("alice", alicePassword, "/tables", "{\"title\":\"Backlog\"}").path("id").asLong();
        long name = post("alice", alicePassword, "/tables/" + backlog + "/columns",
                "{\"title\":\"Item\",\"type\":\"text\"}").path("id").asLong();
        long points = post("alice", alicePassword, "/tables/" + backlog + "/columns",
                "{\"title\":\"Points\",\"type\":\"number\"}").path("id").asLong();
        long view = stack.nextcloud().tables().addView(backlog, "Big items", "🐘", "Worth splitting", List.of(name),
                List.of(List.of(new FilterRule(points, "is-greater-than", 3))),
                List.of(Map.of("columnId", points, "mode", "DESC"))).id();
        for (Object[] item : new Object[][] {{"Small", 1}, {"Big", 5}, {"Bigger", 8}}) {
            stack.ok("nc_tables_insert_row", "tableId", backlog, "values", Map.of("Item", item[0], "Points", item[1]));
        }

        List<Map<String, Object>> views = (List<Map<String, Object>>) stack.ok("nc_tables_get_schema", "tableId", backlog)
                .get("views");
        assertThat(views).singleElement().satisfies(v -> {
            assertThat(v).containsEntry("title", "Big items").containsEntry("emoji", "🐘")
                    .containsEntry("description", "Worth splitting").containsEntry("rowsCount", 2);
            assertThat(v.get("columns")).isEqualTo(List.of("Item"));
            assertThat(v.get("filter")).isEqualTo(List.of("Points is-greater-than 3"));
            assertThat(v.get("sort")).isEqualTo(List.of("Points DESC"));
        });

        List<Map<String, Object>> rows = (List<Map<String, Object>>) stack.ok("nc_tables_read_rows", "tableId", backlog,
                "viewId", view).get("rows");
        assertThat(rows).extracting(r -> r.get("values")).containsExactly(Map.of("Item", "Bigger"),
                Map.of("Item", "Big"));
        assertThat(stack.error("nc_tables_read_rows", "tableId", tasks, "viewId", view))
                .contains("belongs to table " + backlog);
        assertThat(stack.error("nc_tables_read_rows", "tableId", backlog, "viewId", 999_999)).contains("does not exist");
    }

    @Test
    void tablesOwnReasonForRefusingAChangeReachesThePerson() {
        Map<String, Object> row = stack.ok("nc_tables_insert_row", "tableId", tasks, "values", Map.of("Name", "Keep me"));
        // the tools leave this check to Tables; its 400 message is what the person reads
        assertThat(stack.error("nc_tables_update_row", "rowId", id(row), "values", Map.of("Name", "")))
                .contains("HTTP 400", "Mandatory column \"Name\" cannot be empty or invalid.");
        assertThat(get("/rows/" + id(row)).path("data").toString()).contains("Keep me");
    }

    private static JsonNode get(String path) {
        String basic = Base64.getEncoder().encodeToString(("alice:" + alicePassword).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.nextcloud().baseUri() + "/index.php/apps/tables/api/1"
                + path)).header("Authorization", "Basic " + basic).GET().build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }
}
