package org.ncmcp.e2e.keycloak;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Keycloak's login pages (theme keycloak.v2) driven in a real browser through Playwright. */
public final class KeycloakLoginPage {

    private KeycloakLoginPage() {
    }

    /**
     * Fills and submits the login form the page is showing (or about to show), then accepts Keycloak's consent page if
     * the client needs consent (clients registered through DCR do). Returns once the browser has left Keycloak's
     * pages or stopped on one it does not know; throws if Keycloak rejects the credentials.
     */
    public static void signIn(Page page, String username, String password) {
        page.waitForSelector("#kc-form-login");
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("#kc-login"); // waits for the navigation it starts
        page.waitForLoadState();
        if (page.locator("#kc-form-login").count() > 0) {
            Locator error = page.locator(".kc-feedback-text, [id^=input-error]");
            throw new IllegalStateException("Keycloak rejected the sign-in of " + username + ": "
                    + (error.count() > 0 ? error.first().textContent().strip() : "(no message)"));
        }
        if (page.locator("#kc-oauth button[name=accept]").count() > 0) {
            page.click("#kc-oauth button[name=accept]");
            page.waitForLoadState();
        }
    }
}
