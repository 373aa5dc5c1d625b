package org.ncmcp.e2e.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs a user in through Keycloak's login form over plain HTTP, the way a browser would but without one: for tests
 * that need an authorization code quickly. (The real-browser equivalent is {@link KeycloakLoginPage}.)
 */
public final class KeycloakFormLogin {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form\\b[^>]*\\bid=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]*)\"");
    private static final Pattern CONSENT_FORM = Pattern.compile("id=\"kc-oauth\".*?(<form\\b[^>]*>)", Pattern.DOTALL);
    private static final Pattern CONSENT_CODE = Pattern.compile("name=\"code\"\\s+value=\"([^\"]*)\"");
    private static final Pattern ERROR_TEXT = Pattern.compile(
            "(?:kc-feedback-text\"|id=\"input-error-[a-z]+\")[^>]*>(.*?)</", Pattern.DOTALL);
    private static final int MAX_STEPS = 10;

    private KeycloakFormLogin() {
    }

    /**
     * Follows {@code authorizationRequest} (an authorization endpoint URL with its query), submits the login form,
     * accepts a consent page if Keycloak shows one, and returns where Keycloak finally redirects the user agent: the
     * client's redirect URI with {@code code}, {@code state} and {@code iss} (or {@code error}). Throws if Keycloak
     * rejects the credentials or answers with a page this helper does not know.
     */
    public static URI authorize(URI authorizationRequest, String username, String password) {
        Browser browser = new Browser();
        String origin = origin(authorizationRequest);
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(authorizationRequest).GET());
        boolean credentialsSent = false;
        for (int step = 0; step < MAX_STEPS; step++) {
            if (response.statusCode() / 100 == 3) {
                URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
                if (!origin(next).equals(origin)) {
                    return next; // left Keycloak: this is the redirect to the client
                }
                response = browser.send(HttpRequest.newBuilder(next).GET());
                continue;
            }
            String page = response.body();
            Matcher login = LOGIN_FORM.matcher(page);
            if (response.statusCode() == 200 && login.find()) {
                if (credentialsSent) {
                    throw new IllegalStateException("Keycloak rejected the sign-in of " + username + ": " + errorText(page).orElse("(no message)"));
                }
                credentialsSent = true;
                response = post(browser, response.uri(), action(login.group()),
                        KeycloakServer.form("username", username, "password", password, "credentialId", ""));
                continue;
            }
            Matcher consent = CONSENT_FORM.matcher(page);
            if (response.statusCode() == 200 && consent.find()) {
                Matcher code = CONSENT_CODE.matcher(page);
                if (!code.find()) {
                    throw new IllegalStateException("Keycloak's consent page has no code field");
                }
                response = post(browser, response.uri(), action(consent.group(1)),
                        KeycloakServer.form("code", unescape(code.group(1)), "accept", "Yes"));
                continue;
            }
            throw new IllegalStateException("unexpected answer from Keycloak: HTTP " + response.statusCode() + " at " + response.uri()
                    + errorText(page).map(e -> ": " + e).orElse(""));
        }
        throw new IllegalStateException("no redirect back to the client after " + MAX_STEPS + " steps");
    }

    private static HttpResponse<String> post(Browser browser, URI page, String action, Map<String, String> form) {
        return browser.send(HttpRequest.newBuilder(page.resolve(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(KeycloakServer.encode(form))));
    }

    /**
     * An HTTP client with a cookie jar for one Keycloak. Keycloak marks its session cookies {@code Secure} even on plain
     * http; browsers still send them to 127.0.0.1 and localhost (trustworthy origins), java.net.CookieManager does not.
     */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final Map<String, String> cookies = new LinkedHashMap<>();

        HttpResponse<String> send(HttpRequest.Builder request) {
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")));
            }
            try {
                HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                for (String header : response.headers().allValues("Set-Cookie")) {
                    String pair = header.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        boolean expired = header.toLowerCase(Locale.ROOT).matches(".*;\\s*max-age=0(;.*|$)");
                        if (expired) {
                            cookies.remove(pair.substring(0, eq).strip());
                        } else {
                            cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                        }
                    }
                }
                return response;
            } catch (IOException e) {
                throw new IllegalStateException("request to Keycloak failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static String action(String formTag) {
        Matcher action = ACTION.matcher(formTag);
        if (!action.find()) {
            throw new IllegalStateException("form without action: " + formTag);
        }
        return unescape(action.group(1));
    }

    private static Optional<String> errorText(String page) {
        Matcher error = ERROR_TEXT.matcher(page);
        return error.find() ? Optional.of(unescape(error.group(1).replaceAll("<[^>]*>", "").strip())) : Optional.empty();
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /** The few HTML escapes Keycloak's FreeMarker templates produce in attributes and text. */
    static String unescape(String html) {
        Matcher numeric = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(html);
        StringBuilder out = new StringBuilder();
        while (numeric.find()) {
            int codePoint = Integer.parseInt(numeric.group(2), numeric.group(1).isEmpty() ? 10 : 16);
            numeric.appendReplacement(out, Matcher.quoteReplacement(new String(Character.toChars(codePoint))));
        }
        numeric.appendTail(out);
        return out.toString().replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
