package org.ncmcp.e2e.simulator.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.e2e.simulator.oidc.OidcSupport.Pkce;

/**
 * The oidc app's login in a real browser, as a person signing in to the auth-broker sees it: Nextcloud's login
 * page, the redirect page's script, and the way back to a relying party listening on a random loopback port.
 */
class OidcLoginInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void personLogsInOnTheNextcloudPageAndTheBrowserComesBackWithACode() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println("SKIPPED OidcLoginInBrowserTest: " + CHROMIUM + " is missing (apt-get install chromium)");
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
        AtomicReference<String> callbackQuery = new AtomicReference<>();
        HttpServer relyingParty = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        relyingParty.createContext("/login/oauth2/code/upstream", exchange -> {
            callbackQuery.set(exchange.getRequestURI().getRawQuery());
            byte[] page = "<!DOCTYPE html><title>Relying party</title><h1>Signed in</h1>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        relyingParty.start();
        String callback = "http://127.0.0.1:" + relyingParty.getAddress().getPort() + "/login/oauth2/code/upstream";
        try (NextcloudSimulator simulator = NextcloudSimulator.start(SimulatorOptions.defaults());
             Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                     .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                     .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync")))) {
            simulator.state().addUser("alice", "alice@example.com", "Alice Example", "correct horse");
            simulator.oidc().addBrokerClient(OidcSupport.CLIENT_ID, OidcSupport.CLIENT_SECRET);
            Pkce pkce = Pkce.create();

            Page page = browser.newPage();
            page.navigate(simulator.baseUri() + OidcSupport.authorizePath(OidcSupport.CLIENT_ID, callback,
                    OidcSupport.SCOPE, "browser-state", "browser-nonce", pkce, Map.of()));
            assertThat(page.url()).startsWith(simulator.baseUri() + "/index.php/login?redirect_url=");
            page.fill("#user", "alice@example.com");
            page.fill("#password", "wrong");
            page.click("#submit-form");
            assertThat(page.textContent("[role=alert]")).contains("Wrong login or password.");
            assertThat(page.inputValue("#user")).isEqualTo("alice@example.com");
            page.fill("#password", "correct horse");
            page.click("#submit-form");
            page.waitForURL(Pattern.compile(Pattern.quote(callback) + "\\?.*"));
            assertThat(page.textContent("h1")).isEqualTo("Signed in");

            Map<String, String> params = org.ncmcp.e2e.simulator.oidc.Browser.queryOf("?" + callbackQuery.get());
            assertThat(params).containsEntry("state", "browser-state").containsKey("code");
            HttpResponse<String> tokens = OidcSupport.tokenRequest(simulator, Map.of("grant_type", "authorization_code",
                    "code", params.get("code"), "code_verifier", pkce.verifier(), "redirect_uri", callback),
                    OidcSupport.CLIENT_ID, OidcSupport.CLIENT_SECRET);
            assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
            HttpResponse<String> me = OidcSupport.userinfo(simulator, OidcSupport.json(tokens).path("access_token").asString());
            assertThat(OidcSupport.json(me).path("preferred_username").asString()).isEqualTo("alice");
        } finally {
            relyingParty.stop(0);
        }
    }
}
