package org.ncmcp.e2e.stock;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One person's browser: a fresh context (no cookies, so nobody is signed in anywhere yet) with one page, recording
 * the URL of every navigation request, redirects included, so a test can say which pages were (not) passed through.
 */
final class BrowserSession implements AutoCloseable {

    /** What the broker's consent page shows. */
    record ConsentPage(String clientName, String redirectHost, List<String> scopesToApprove, List<String> alreadyGranted,
            String warnings) {
    }

    final BrowserContext context;
    final Page page;
    private final List<String> navigations = new CopyOnWriteArrayList<>();
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    BrowserSession(Browser browser) {
        context = browser.newContext();
        page = context.newPage();
        page.setDefaultTimeout(30_000);
        page.onRequest(request -> {
            if (request.isNavigationRequest()) {
                navigations.add(request.url());
            }
        });
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text());
            }
        });
    }

    /** How many navigation requests so far; with {@link #navigationsSince} it marks a step's own navigations. */
    int mark() {
        return navigations.size();
    }

    List<String> navigationsSince(int mark) {
        return new ArrayList<>(navigations.subList(mark, navigations.size()));
    }

    /** What the browser complained about (e.g. Content-Security-Policy violations), for failure messages. */
    String consoleErrors() {
        return consoleErrors.isEmpty() ? "no console errors" : "console errors: " + String.join(" | ", consoleErrors);
    }

    /** Reads the consent page the browser is on (waiting for it to appear). */
    ConsentPage consentPage() {
        page.waitForSelector("#consent-form");
        List<String> toApprove = page.locator("#consent-form fieldset input[name=scope]").all().stream()
                .map(input -> input.getAttribute("value")).toList();
        List<String> granted = page.locator("#consent-form ul li code").all().stream()
                .map(code -> code.textContent().strip()).toList();
        Locator warnings = page.locator("#client-warnings");
        return new ConsentPage(page.textContent("#client-name").strip(), page.textContent("#redirect-host").strip(), toApprove,
                granted, warnings.count() == 0 ? "" : warnings.textContent().strip());
    }

    @Override
    public void close() {
        context.close();
    }
}
