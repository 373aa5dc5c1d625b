package org.ncmcp.e2e.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.simulator.SimulatorHttp.basic;
import static org.ncmcp.e2e.simulator.SimulatorHttp.poll;
import static org.ncmcp.e2e.simulator.SimulatorHttp.send;
import static org.ncmcp.e2e.simulator.SimulatorHttp.to;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Login Flow v2 pages in a real browser: what a person does to connect a client to Nextcloud. */
class LoginFlowInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void personLogsInAndGrantsAccessThenTheClientPollsAWorkingAppPassword() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println("SKIPPED LoginFlowInBrowserTest: " + CHROMIUM + " is missing (apt-get install chromium)");
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
        JsonMapper json = JsonMapper.builder().build();
        try (NextcloudSimulator simulator = NextcloudSimulator.start(SimulatorOptions.defaults());
             Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                     .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                     .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync")))) {
            simulator.state().addUser("alice", "alice", "Alice Example", "correct horse");
            HttpResponse<String> init = send(to(simulator, "/index.php/login/v2").header("User-Agent", "Browser test client")
                    .POST(HttpRequest.BodyPublishers.noBody()));
            JsonNode flow = json.readTree(init.body());

            Page page = browser.newPage();
            page.navigate(flow.path("login").asString());
            assertThat(page.content()).contains("Browser test client");
            page.fill("#user", "alice");
            page.fill("#password", "wrong");
            page.click("#submit-form");
            assertThat(page.textContent("[role=alert]")).contains("Wrong login or password");
            page.fill("#user", "alice");
            page.fill("#password", "correct horse");
            page.click("#submit-form");
            assertThat(page.textContent("body")).contains("Alice Example", "Grant access");
            page.click("#submit-grant");
            assertThat(page.textContent("h1")).isEqualTo("Account connected");

            HttpResponse<String> polled = poll(simulator, flow.path("poll").path("token").asString());
            assertThat(polled.statusCode()).isEqualTo(200);
            JsonNode credentials = json.readTree(polled.body());
            HttpResponse<String> me = send(to(simulator, "/ocs/v2.php/cloud/user?format=json")
                    .header("Authorization", basic(credentials.path("loginName").asString(), credentials.path("appPassword").asString()))
                    .header("OCS-APIRequest", "true"));
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(json.readTree(me.body()).path("ocs").path("data").path("id").asString()).isEqualTo("alice");
        }
    }
}
