package org.ncmcp.e2e.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.simulator.SimulatorHttp.poll;
import static org.ncmcp.e2e.simulator.SimulatorHttp.send;
import static org.ncmcp.e2e.simulator.SimulatorHttp.to;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LoginFlowV2Test {

    private final JsonMapper json = JsonMapper.builder().build();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private NextcloudSimulator simulator;

    @BeforeEach
    void start() {
        simulator = NextcloudSimulator.start(SimulatorOptions.defaults().withClock(clock));
        simulator.state().addUser("alice", "alice@example.com", "Alice", "pw");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private JsonNode init() throws Exception {
        HttpResponse<String> response = send(to(simulator, "/index.php/login/v2").header("User-Agent", "test-client")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private void grantAsAlice(JsonNode flow) throws Exception {
        String login = flow.path("login").asString();
        String loginToken = login.substring(login.lastIndexOf('/') + 1);
        assertThat(send(to(simulator, "/__test/loginflow/" + loginToken + "/grant?user=alice")
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
    }

    @Test
    void initBuildsUrlsFromTheRequestHostWithA128CharacterPollToken() throws Exception {
        JsonNode flow = init();
        assertThat(flow.path("poll").path("token").asString()).matches("[0-9A-Za-z]{128}");
        assertThat(flow.path("poll").path("endpoint").asString()).isEqualTo(simulator.baseUri() + "/index.php/login/v2/poll");
        assertThat(flow.path("login").asString()).startsWith(simulator.baseUri() + "/index.php/login/v2/flow/");
    }

    @Test
    void pollAnswersTheAppPasswordExactlyOnceThen404() throws Exception {
        JsonNode flow = init();
        String token = flow.path("poll").path("token").asString();
        assertThat(poll(simulator, token).statusCode()).isEqualTo(404);
        grantAsAlice(flow);

        HttpResponse<String> first = poll(simulator, token);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode credentials = json.readTree(first.body());
        assertThat(credentials.path("loginName").asString()).isEqualTo("alice@example.com");
        assertThat(credentials.path("server").asString()).isEqualTo(simulator.baseUri().toString());
        assertThat(credentials.path("appPassword").asString()).matches("[A-Za-z0-9]{72}");

        HttpResponse<String> second = poll(simulator, token);
        assertThat(second.statusCode()).isEqualTo(404);
        assertThat(second.body()).isEqualTo("[]");
    }

    @Test
    void flowExpiresAfter1200SecondsAndThenPolls404EvenIfGranted() throws Exception {
        JsonNode flow = init();
        grantAsAlice(flow);
        clock.advance(Duration.ofSeconds(1200));
        assertThat(poll(simulator, flow.path("poll").path("token").asString()).statusCode()).isEqualTo(404);
    }

    @Test
    void flowStillWorksJustBeforeExpiry() throws Exception {
        JsonNode flow = init();
        clock.advance(Duration.ofSeconds(1199));
        grantAsAlice(flow);
        assertThat(poll(simulator, flow.path("poll").path("token").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredLoginLinkShowsNextcloudsForbiddenPage() throws Exception {
        JsonNode flow = init();
        clock.advance(Duration.ofSeconds(1201));
        HttpResponse<String> page = send(to(simulator, flow.path("login").asString().replace(simulator.baseUri().toString(), "")));
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Your login token is invalid or has expired");
    }

    @Test
    void grantPageWithoutOrWithWrongStateTokenIsForbidden() throws Exception {
        assertThat(send(to(simulator, "/index.php/login/v2/grant")).body()).contains("State token missing");
        assertThat(send(to(simulator, "/index.php/login/v2/grant?stateToken=nope")).body()).contains("State token does not match");
    }

    @Test
    void appTokenAlternativeNeedsAnAppPasswordOfTheSameLogin() throws Exception {
        JsonNode flow = init();
        String login = flow.path("login").asString().replace(simulator.baseUri().toString(), "");
        HttpResponse<String> redirect = send(to(simulator, login));
        String stateToken = redirect.headers().firstValue("Location").orElseThrow().replaceAll(".*stateToken=", "");
        String existing = simulator.state().issueAppPassword("alice");

        HttpResponse<String> wrong = send(to(simulator, "/index.php/login/v2/apptoken")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("stateToken=" + stateToken + "&user=alice@example.com&password=pw")));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("Invalid app password");

        HttpResponse<String> ok = send(to(simulator, "/index.php/login/v2/apptoken")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("stateToken=" + stateToken + "&user=alice@example.com&password="
                        + existing)));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(poll(simulator, flow.path("poll").path("token").asString()).statusCode()).isEqualTo(200);
    }
}
