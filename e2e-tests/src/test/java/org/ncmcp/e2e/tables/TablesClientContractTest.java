package org.ncmcp.e2e.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.sharing.SharingFixtureStub;
import org.ncmcp.resource.apps.tables.TablesClient;
import org.ncmcp.resource.apps.tables.TablesTools;
import org.ncmcp.resource.credentials.SingleUserCredentialSource;
import org.ncmcp.resource.nextcloud.NextcloudAuthenticationException;
import org.ncmcp.resource.nextcloud.NextcloudBadRequestException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProperties;
import org.ncmcp.resource.tool.NextcloudTool;
import tools.jackson.databind.json.JsonMapper;

/** The Tables tools' client side against the tables fixtures' responses: the client half of the contract. */
class TablesClientContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private SharingFixtureStub stub;

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    private Object call(String tool, Object input, String... fixtureIds) throws Exception {
        stub = SharingFixtureStub.of(fixtureIds);
        return call(tool, input);
    }

    /** The ids the tables fixtures' placeholders stand for, as a server would have numbered them. */
    private Object callSeeded(String tool, Object input, String... fixtureIds) throws Exception {
        stub = SharingFixtureStub.of(fixtureIds).with("table0.id", 7).with("table0.column0.id", 21)
                .with("table0.column1.id", 22).with("row0.id", 31).with("view0.id", 41);
        return call(tool, input);
    }

    @SuppressWarnings("unchecked")
    private Object call(String tool, Object input) throws Exception {
        NextcloudHttpClient http = new NextcloudHttpClient(new NextcloudProperties(URI.create(stub.baseUrl()), "alice",
                "stub-app-password", Duration.ofSeconds(2), Duration.ofSeconds(5), 10,
                new NextcloudProperties.Retry(1, Duration.ofMillis(1), Duration.ofSeconds(1))),
                new SingleUserCredentialSource("alice", "stub-app-password"), wait -> { }, Clock.systemUTC());
        NextcloudTool<Object, Object> found = (NextcloudTool<Object, Object>) new TablesTools(new TablesClient(http, JSON))
                .tools().stream().filter(t -> t.name().equals(tool)).findFirst().orElseThrow();
        return found.handler().handle(JSON.convertValue(input, found.inputType()));
    }

    @Test
    void anEmptyListingIsNoTables() throws Exception {
        Object list = call("nc_tables_list_tables", Map.of(), "tables/list-empty");
        assertThat(JSON.convertValue(list, Map.class)).containsEntry("count", 0);
    }

    @Test
    void aMissingTableOrRowIsNotFoundSayingWhatToDo() throws Exception {
        assertThatThrownBy(() -> call("nc_tables_read_rows", Map.of("tableId", 987654),
                "tables/columns-of-missing-table", "tables/rows-of-missing-table"))
                .isInstanceOf(NextcloudNotFoundException.class).hasMessageContaining("nc_tables_list_tables");
        stub.close();
        assertThatThrownBy(() -> call("nc_tables_delete_row", Map.of("rowId", 987654), "tables/row-delete-missing"))
                .isInstanceOf(NextcloudNotFoundException.class).hasMessageContaining("delete row 987654");
    }

    @Test
    void aRevokedAppPasswordIsACredentialsError() throws Exception {
        assertThatThrownBy(() -> call("nc_tables_list_tables", Map.of(), "tables/revoked-app-password"))
                .isInstanceOf(NextcloudAuthenticationException.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUsergroupColumnAndAViewAreReadFromTheSchema() throws Exception {
        Map<String, Object> schema = JSON.convertValue(callSeeded("nc_tables_get_schema", Map.of("tableId", 7),
                "tables/table-get", "tables/columns-with-usergroup", "tables/views-list"), Map.class);
        java.util.List<Map<String, Object>> columns = (java.util.List<Map<String, Object>>) schema.get("columns");
        assertThat(columns.get(1)).containsEntry("type", "usergroup")
                .containsEntry("accepts", "user id (e.g. \"alice\") (or {id, type}), exactly one");
        assertThat((java.util.List<Map<String, Object>>) schema.get("views")).singleElement().satisfies(view -> {
            assertThat(view).containsEntry("title", "Owners").containsEntry("emoji", "👤")
                    .containsEntry("rowsCount", 1);
            assertThat(view.get("columns")).isEqualTo(java.util.List.of("Owner"));
        });
    }

    @Test
    void tablesReasonForRefusingAnUpdateIsInTheError() throws Exception {
        assertThatThrownBy(() -> callSeeded("nc_tables_update_row", Map.of("rowId", 31, "values", Map.of("Topic", "")),
                "tables/row-get-usergroup", "tables/columns-with-usergroup", "tables/row-update-mandatory-empty"))
                .isInstanceOfSatisfying(NextcloudBadRequestException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo("Mandatory column \"Topic\" cannot be empty or invalid.");
                    assertThat(refused.getMessage()).contains("HTTP 400", "PUT /index.php/apps/tables/api/1/rows/31",
                            "Mandatory column \"Topic\" cannot be empty or invalid.");
                });
    }
}
