package org.ncmcp.e2e.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.APIResponse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.broker.BrokerProcess;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.e2e.stock.Chromium;

/**
 * The broker's {@code /user} page in Chromium: a person signs in (at the simulated Nextcloud {@code oidc} app),
 * sees that Nextcloud is not connected, then — with a credential stored for them — sees status, kind, Nextcloud user,
 * scopes and dates, and disconnects with the page's CSRF-protected form: the row is gone and the app password is
 * deleted at (simulated) Nextcloud. A POST without the CSRF token changes nothing.
 *
 * <p>Until the browser provisioning pages land, the stored credential is written straight into the broker's
 * PostgreSQL, sealed exactly as the broker's vault seals it (AES-256-GCM, nonce ‖ ciphertext ‖ tag, the row's table,
 * subject, kind and field as associated data) under a vault key this test configures. The broker then has to open it
 * to delete the app password at Nextcloud, so a wrong seal fails the test.
 */
class UserPageBrowserTest {

    private static final String VAULT_KEY_ID = "e2e";
    private static final byte[] VAULT_KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(VAULT_KEY);
    }

    private static NextcloudSimulator simulator;
    private static EmbeddedPostgres postgres;
    private static BrokerProcess broker;
    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        Optional<String> missing = Chromium.missing();
        missing.ifPresent(reason -> System.out.println("SKIPPED UserPageBrowserTest: " + reason));
        Assumptions.assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
        simulator = NextcloudSimulator.start(SimulatorOptions.defaults());
        simulator.state().addUser("alice", "alice", "Alice A.", "alice-login-password");
        postgres = EmbeddedPostgres.builder().start();
        broker = SimulatedIdpBroker.start(simulator, "http://127.0.0.1:18931/mcp", Map.of(
                "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres",
                "broker.nextcloud.url", simulator.baseUri().toString().replaceAll("/$", ""),
                "broker.vault.keys." + VAULT_KEY_ID, Base64.getEncoder().encodeToString(VAULT_KEY),
                "broker.vault.active-key", VAULT_KEY_ID), "user-page");
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    @DisplayName("/user shows the connection; Disconnect (CSRF-protected) removes it here and at Nextcloud")
    void statusAndDisconnect() throws Exception {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.setDefaultTimeout(30_000);
            page.navigate(broker.baseUrl() + "/user");
            // not signed in: the broker sends the browser to the IdP's login page
            page.locator("#user").fill("alice");
            page.locator("#password").fill("alice-login-password");
            page.locator("#submit-form").click();
            // back on /user (Spring Security may mark the resumed request with ?continue)
            page.waitForURL(url -> url.equals(broker.baseUrl() + "/user") || url.equals(broker.baseUrl() + "/user?continue"));
            assertThat(page.textContent("#status").strip()).isEqualTo("Not connected");
            assertThat(page.locator("#connect").getAttribute("href")).isEqualTo("/provision");
            assertThat(page.textContent("#connect").strip()).isEqualTo("Connect Nextcloud");
            assertThat(page.locator("#disconnect").count()).isZero();

            String subject = subjectOf("alice");
            String appPassword = simulator.state().issueAppPassword("alice");
            storeCredential(subject, "alice", appPassword, "notes:write calendar:read");

            page.reload();
            assertThat(page.textContent("#status").strip()).isEqualTo("Connected");
            assertThat(page.textContent("#kind").strip()).isEqualTo("login-flow-v2");
            assertThat(page.textContent("#nextcloud-user").strip()).isEqualTo("alice");
            assertThat(page.textContent("#user-name").strip()).isEqualTo("Alice A.");
            List<String> scopes = page.locator("#scopes li").allTextContents().stream().map(String::strip).toList();
            assertThat(scopes).containsExactly("notes:write Read, create, change and delete your notes",
                    "calendar:read Read your calendars and events");
            assertThat(page.textContent("#created-at")).matches("\\s*\\d{4}-\\d{2}-\\d{2}T.*Z\\s*");
            assertThat(page.textContent("#connect").strip()).isEqualTo("Change scopes or reconnect");
            assertThat(page.content()).doesNotContain(appPassword);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/user-connected.png"))
                    .setFullPage(true));

            // the same person's browser, without the form's CSRF token: refused, nothing happens
            APIResponse forged = context.request().post(broker.baseUrl() + "/user/disconnect",
                    com.microsoft.playwright.options.RequestOptions.create().setMaxRedirects(0));
            assertThat(forged.status()).isEqualTo(403);
            assertThat(credentialCount(subject)).isEqualTo(1);
            assertThat(simulator.state().isAppPassword(appPassword)).isTrue();

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disconnect")).click();
            page.waitForURL(broker.baseUrl() + "/user?disconnected");
            assertThat(page.locator("#disconnected").isVisible()).isTrue();
            assertThat(page.textContent("#status").strip()).isEqualTo("Not connected");
            assertThat(page.locator("#disconnect").count()).isZero();
            assertThat(credentialCount(subject)).isZero();
            assertThat(simulator.state().isAppPassword(appPassword)).as("app password deleted at Nextcloud").isFalse();
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/user-disconnected.png"))
                    .setFullPage(true));
        }
    }

    private static String subjectOf(String nextcloudUser) throws SQLException {
        try (Connection db = postgres.getPostgresDatabase().getConnection();
                PreparedStatement query = db.prepareStatement("SELECT subject FROM broker_user WHERE nextcloud_user_id = ?")) {
            query.setString(1, nextcloudUser);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("the sign-in was recorded").isTrue();
                return rows.getString(1);
            }
        }
    }

    private static int credentialCount(String subject) throws SQLException {
        try (Connection db = postgres.getPostgresDatabase().getConnection();
                PreparedStatement query = db.prepareStatement("SELECT count(*) FROM nextcloud_credential WHERE subject = ?")) {
            query.setString(1, subject);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void storeCredential(String subject, String nextcloudUser, String appPassword, String scopes)
            throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(VAULT_KEY, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(String.join("\u0000", "nextcloud_credential", subject, "login-flow-v2", "secret")
                .getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(appPassword.getBytes(StandardCharsets.UTF_8));
        byte[] stored = new byte[nonce.length + sealed.length];
        System.arraycopy(nonce, 0, stored, 0, nonce.length);
        System.arraycopy(sealed, 0, stored, nonce.length, sealed.length);
        try (Connection db = postgres.getPostgresDatabase().getConnection();
                PreparedStatement insert = db.prepareStatement("INSERT INTO nextcloud_credential (subject, kind,"
                        + " nextcloud_user_id, login_name, secret, secret_key_id, scopes, created_at, updated_at)"
                        + " VALUES (?, 'login-flow-v2', ?, ?, ?, ?, ?, now(), now())")) {
            insert.setString(1, subject);
            insert.setString(2, nextcloudUser);
            insert.setString(3, nextcloudUser);
            insert.setBytes(4, stored);
            insert.setString(5, VAULT_KEY_ID);
            insert.setString(6, scopes);
            insert.executeUpdate();
        }
    }
}
