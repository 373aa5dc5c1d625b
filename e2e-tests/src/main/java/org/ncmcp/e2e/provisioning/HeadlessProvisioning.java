package org.ncmcp.e2e.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncmcp.e2e.oauth.HeadlessSignIn;

/**
 * Connects a person's Nextcloud account at the broker over plain HTTP, for set-ups that need provisioned people
 * quickly (the lease benchmark): the broker's connect page, its Login Flow v2 landing page, and the simulator's
 * {@code /__test/loginflow/{token}/grant} hook in place of the person approving at Nextcloud in a browser. The
 * browser route itself is tested with Chromium (ProvisioningEndToEndTest).
 */
public final class HeadlessProvisioning {

    private static final Pattern LOGIN_URL = Pattern.compile("<a\\b[^>]*\\bid=\"open-nextcloud\"[^>]*\\bhref=\"([^\"]+)\"");
    private static final Pattern NEXTCLOUD_USER = Pattern.compile("id=\"nextcloud-user\"[^>]*>([^<]*)<");
    private static final Duration POLL_PAUSE = Duration.ofMillis(500);

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String brokerUrl;
    private final URI simulator;

    /**
     * @param brokerUrl the broker's base URL (its issuer)
     * @param simulator the simulated Nextcloud, started with test hooks
     */
    public HeadlessProvisioning(String brokerUrl, URI simulator) {
        this.brokerUrl = brokerUrl.replaceAll("/+$", "");
        this.simulator = simulator;
    }

    /**
     * Signs {@code person} in at the broker, asks to connect with {@code scopes} (space-separated), approves the
     * Login Flow v2 as {@code nextcloudUser} and waits until the broker has collected the app password.
     *
     * @return the Nextcloud user the broker reports as connected
     */
    public String connect(HeadlessSignIn person, String nextcloudUser, String scopes, Duration timeout) {
        HeadlessSignIn.Page connectPage = person.open(URI.create(brokerUrl + "/provision?scope="
                + URLEncoder.encode(scopes, StandardCharsets.UTF_8)));
        HeadlessSignIn.Page landing = person.submit(connectPage, "connect-form");
        Matcher login = LOGIN_URL.matcher(landing.html());
        if (!login.find()) {
            throw new IllegalStateException("the broker's landing page " + landing.uri() + " offers no Nextcloud login link");
        }
        String loginUrl = login.group(1).replace("&amp;", "&");
        String loginToken = loginUrl.substring(loginUrl.lastIndexOf('/') + 1);
        grant(loginToken, nextcloudUser);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            // each visit of the landing page lets the broker poll Nextcloud once if due, as the page's refresh does
            HeadlessSignIn.Page page = person.open(landing.uri());
            if (page.html().contains("id=\"completed\"")) {
                Matcher user = NEXTCLOUD_USER.matcher(page.html());
                return user.find() ? user.group(1) : "";
            }
            if (page.html().contains("id=\"failed\"") || page.html().contains("id=\"ended\"")) {
                throw new IllegalStateException("connecting " + nextcloudUser + " failed at " + page.uri());
            }
            pause();
        }
        throw new IllegalStateException("the broker did not complete the connection of " + nextcloudUser + " within "
                + timeout);
    }

    private void grant(String loginToken, String nextcloudUser) {
        HttpRequest request = HttpRequest.newBuilder(simulator.resolve("/__test/loginflow/" + loginToken + "/grant?user="
                + URLEncoder.encode(nextcloudUser, StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the simulator refused the Login Flow v2 grant for " + nextcloudUser
                        + ": HTTP " + response.statusCode() + " (are its test hooks on?)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Between visits of a page that updates by itself; polling with a deadline, not synchronisation. */
    private static void pause() {
        try {
            Thread.sleep(POLL_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
