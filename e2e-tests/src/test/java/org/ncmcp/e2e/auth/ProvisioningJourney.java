package org.ncmcp.e2e.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.ncmcp.e2e.oauth.HeadlessSignIn;
import org.ncmcp.e2e.oauth.McpOAuthClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a person and their assistant do against a {@link MultiUserStack}: sign in (tokens), call tools over plain
 * HTTP, and connect Nextcloud in a real browser — sign-in at the IdP in one window, approval at Nextcloud in another,
 * as Login Flow v2 has it.
 */
final class ProvisioningJourney {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String REDIRECT = "http://127.0.0.1:33418/callback";
    private static final AtomicInteger IDS = new AtomicInteger(100);

    private final MultiUserStack stack;
    private final Browser browser;
    /** Signs a person in at the IdP's login page the browser is showing. */
    private final BiConsumer<Page, String> idpSignIn;
    /** The IdP password of a person (the Nextcloud password is {@code <user>-login-password}). */
    private final java.util.function.Function<String, String> idpPassword;

    ProvisioningJourney(MultiUserStack stack, Browser browser, BiConsumer<Page, String> idpSignIn,
            java.util.function.Function<String, String> idpPassword) {
        this.stack = stack;
        this.browser = browser;
        this.idpSignIn = idpSignIn;
        this.idpPassword = idpPassword;
    }

    /** An access token from the broker for {@code resource} (default: mcp-resource), signed in over HTTP. */
    String accessToken(String user, String scope, String resource) {
        McpOAuthClient client = new McpOAuthClient(stack.issuer(), REDIRECT);
        client.register("Provisioning test client");
        return client.signIn(new HeadlessSignIn(user, idpPassword.apply(user)), scope,
                resource == null ? stack.resourceUri : resource).get("access_token").asString();
    }

    /**
     * An access token through a real browser: sign-in at the IdP's page and the broker's consent page in Chromium,
     * the redirect back to the client caught before it leaves the browser.
     */
    String accessTokenInBrowser(String user, String scope, String resource) {
        McpOAuthClient client = new McpOAuthClient(stack.issuer(), REDIRECT);
        client.register("Provisioning test client");
        String[] callback = new String[1];
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.setDefaultTimeout(30_000);
            page.route(REDIRECT + "**", route -> {
                callback[0] = route.request().url();
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(200).setBody("signed in"));
            });
            page.navigate(client.authorizationUrl(scope, resource == null ? stack.resourceUri : resource).toString());
            idpSignIn.accept(page, user);
            page.waitForSelector("#consent-form");
            page.click("#submit-consent");
            page.waitForCondition(() -> callback[0] != null);
        }
        java.util.Map<String, String> parameters = client.callbackParameters(URI.create(callback[0]));
        HttpResponse<String> tokens = client.exchange(parameters.get("code"), resource == null ? stack.resourceUri
                : resource);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return JSON.readTree(tokens.body()).get("access_token").asString();
    }

    /** A tools/call over plain HTTP; {@code urlElicitation} declares the capability the 2026-07-28 way (_meta). */
    HttpResponse<String> call(String token, String tool, String arguments, boolean urlElicitation) throws Exception {
        String meta = urlElicitation
                ? ",\"_meta\":{\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{\"url\":{}}}}" : "";
        return post(token, "{\"jsonrpc\":\"2.0\",\"id\":" + IDS.incrementAndGet() + ",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + meta + "}}");
    }

    HttpResponse<String> post(String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.resourceUri))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode result(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.has("result")).as(response.body()).isTrue();
        return body.get("result");
    }

    /**
     * The person signs in at the broker in one browser window and approves at Nextcloud (as {@code nextcloudUser}) in
     * another; returns the broker's landing page once the attempt has ended.
     */
    Page connectInBrowser(String brokerUser, String nextcloudUser, String provisioningUrl) {
        BrowserContext broker = browser.newContext();
        Page page = broker.newPage();
        page.setDefaultTimeout(30_000);
        page.navigate(provisioningUrl);
        idpSignIn.accept(page, brokerUser);
        page.waitForSelector("#connect-form");
        page.click("#connect");
        page.waitForSelector("#pending");
        String nextcloudLogin = page.getAttribute("#open-nextcloud", "href");
        try (BrowserContext nextcloud = browser.newContext()) {
            Page approval = nextcloud.newPage();
            approval.setDefaultTimeout(30_000);
            approval.navigate(nextcloudLogin);
            approval.waitForSelector("#user");
            approval.fill("#user", nextcloudUser);
            approval.fill("#password", nextcloudUser + "-login-password");
            approval.click("#submit-form");
            approval.click("#submit-grant");
            assertThat(approval.textContent("h1")).isEqualTo("Account connected");
        }
        // the landing page reloads itself every few seconds until the broker has collected the app password
        page.waitForSelector("#completed, #failed, #ended", new Page.WaitForSelectorOptions().setTimeout(30_000));
        return page;
    }

    /** The simulated oidc app's login form. */
    static void simulatorSignIn(Page page, String user) {
        page.waitForSelector("#user");
        page.fill("#user", user);
        page.fill("#password", user + "-login-password");
        page.click("#submit-form");
    }
}
