package org.ncmcp.e2e.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.simulator.SimulatorHttp.basic;
import static org.ncmcp.e2e.simulator.SimulatorHttp.send;
import static org.ncmcp.e2e.simulator.SimulatorHttp.to;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AppPasswordTest {

    private NextcloudSimulator simulator;
    private String appPassword;

    @BeforeEach
    void start() {
        simulator = NextcloudSimulator.start(SimulatorOptions.defaults());
        simulator.state().addUser("alice", "alice", "Alice", "pw");
        appPassword = simulator.state().issueAppPassword("alice");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private int notesStatus(String password) throws Exception {
        return send(to(simulator, "/index.php/apps/notes/api/v1/notes").header("Authorization", basic("alice", password)))
                .statusCode();
    }

    private int ocsUserStatus(String password) throws Exception {
        return send(to(simulator, "/ocs/v2.php/cloud/user").header("Authorization", basic("alice", password))
                .header("OCS-APIRequest", "true")).statusCode();
    }

    @Test
    void deletedAppPasswordStopsWorkingOnEveryApi() throws Exception {
        assertThat(notesStatus(appPassword)).isEqualTo(200);
        assertThat(ocsUserStatus(appPassword)).isEqualTo(200);
        HttpResponse<String> delete = send(to(simulator, "/ocs/v2.php/core/apppassword")
                .header("Authorization", basic("alice", appPassword)).header("OCS-APIRequest", "true").DELETE());
        assertThat(delete.statusCode()).isEqualTo(200);
        assertThat(notesStatus(appPassword)).isEqualTo(401);
        assertThat(ocsUserStatus(appPassword)).isEqualTo(401);
    }

    @Test
    void rotationReplacesTheOldPassword() throws Exception {
        HttpResponse<String> rotate = send(to(simulator, "/ocs/v2.php/core/apppassword/rotate?format=json")
                .header("Authorization", basic("alice", appPassword)).header("OCS-APIRequest", "true")
                .POST(HttpRequest.BodyPublishers.noBody()));
        String fresh = JsonMapper.builder().build().readTree(rotate.body()).path("ocs").path("data").path("apppassword").asString();
        assertThat(fresh).matches("[A-Za-z0-9]{72}");
        assertThat(notesStatus(appPassword)).isEqualTo(401);
        assertThat(notesStatus(fresh)).isEqualTo(200);
    }

    @Test
    void oneUsersAppPasswordDoesNotAuthenticateAnotherLogin() throws Exception {
        simulator.state().addUser("bob", "bob", "Bob", "pw2");
        assertThat(send(to(simulator, "/index.php/apps/notes/api/v1/notes").header("Authorization", basic("bob", appPassword)))
                .statusCode()).isEqualTo(401);
    }
}
