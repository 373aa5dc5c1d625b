package org.ncmcp.e2e.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Walks an authorization request through the broker and the upstream sign-in page the way a person's
 * browser would — following redirects, typing the user's login name and password into the sign-in form,
 * approving the consent page — until the broker redirects to the client's redirect URI. Used where a
 * real browser adds nothing (refresh-token tests, the CI token for the conformance run); the browser
 * itself is tested with Playwright.
 */
public final class HeadlessSignIn {

    private static final java.util.regex.Pattern CONTINUE_LINK = java.util.regex.Pattern.compile(
            "<a\\b[^>]*\\bid=\"[^\"]*continue[^\"]*\"[^>]*\\bhref=\"([^\"]+)\"");

    private final HttpClient http;
    private final String login;
    private final String password;

    public HeadlessSignIn(String login, String password) {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.login = login;
        this.password = password;
    }

    /**
     * Follows {@code authorizationUrl} until the client's {@code redirectUriPrefix} is reached and
     * returns that final URL (with {@code code}, {@code state}, {@code iss}, or an {@code error}).
     */
    public URI authorize(URI authorizationUrl, String redirectUriPrefix) {
        HttpRequest next = HttpRequest.newBuilder(authorizationUrl).GET().build();
        for (int step = 0; step < 30; step++) {
            HttpResponse<String> response = send(next);
            URI current = response.request().uri();
            if (response.statusCode() / 100 == 3) {
                URI location = current.resolve(response.headers().firstValue("Location").orElseThrow());
                if (location.toString().startsWith(redirectUriPrefix)) {
                    return location;
                }
                next = HttpRequest.newBuilder(location).GET().build();
                continue;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("sign-in stopped at " + current + " with HTTP " + response.statusCode()
                        + ": " + abbreviate(response.body()));
            }
            next = submitPage(current, response.body());
        }
        throw new IllegalStateException("sign-in did not reach " + redirectUriPrefix + " within 30 steps");
    }

    /** A page a signed-in browser ended up on: its address and HTML. */
    public record Page(URI uri, String html) {
    }

    /**
     * Opens {@code url} as this person's browser would: follows redirects and signs in wherever a sign-in page (or
     * a page a browser leaves by script) comes up, and returns the first other page, e.g. a broker page that needs
     * the person signed in.
     */
    public Page open(URI url) {
        return follow(HttpRequest.newBuilder(url).GET().build());
    }

    /**
     * Submits the form with id {@code formId} on {@code page} with what a browser sends untouched (hidden fields such
     * as the CSRF token, checked boxes) and returns the page it leads to, as {@link #open} does.
     */
    public Page submit(Page page, String formId) {
        HtmlForms.Form form = HtmlForms.parse(page.html()).stream().filter(f -> formId.equals(f.id())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no form #" + formId + " on " + page.uri()));
        return follow(request(page.uri(), form, form.defaults()));
    }

    private Page follow(HttpRequest first) {
        HttpRequest next = first;
        for (int step = 0; step < 30; step++) {
            HttpResponse<String> response = send(next);
            URI current = response.request().uri();
            if (response.statusCode() / 100 == 3) {
                next = HttpRequest.newBuilder(current.resolve(response.headers().firstValue("Location").orElseThrow()))
                        .GET().build();
                continue;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("stopped at " + current + " with HTTP " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
            // sign-in forms, and pages a browser leaves by script (a "continue" form or link for those without)
            boolean signInStep = HtmlForms.parse(response.body()).stream().anyMatch(form -> form.has("password")
                    || form.id() != null && form.id().contains("continue")) || CONTINUE_LINK.matcher(response.body()).find();
            if (!signInStep) {
                return new Page(current, response.body());
            }
            next = submitPage(current, response.body());
        }
        throw new IllegalStateException("no page after 30 steps from " + first.uri());
    }

    private HttpRequest submitPage(URI page, String html) {
        List<HtmlForms.Form> forms = HtmlForms.parse(html);
        for (HtmlForms.Form form : forms) {
            Map<String, List<String>> values = form.defaults();
            if (form.has("password")) {
                String userField = form.has("user") ? "user" : "username";
                values.put(userField, List.of(login));
                values.put("password", List.of(password));
            } else if (!"consent-form".equals(form.id()) && forms.size() > 1) {
                continue; // e.g. the consent page's separate "deny" form
            }
            return request(page, form, values);
        }
        // pages that a browser leaves by script (the oidc app's redirect page) offer a "continue" link
        java.util.regex.Matcher link = CONTINUE_LINK.matcher(html);
        if (link.find()) {
            return HttpRequest.newBuilder(page.resolve(HtmlForms.unescape(link.group(1)))).GET().build();
        }
        throw new IllegalStateException("no form to submit on " + page + ": " + abbreviate(html));
    }

    private static HttpRequest request(URI page, HtmlForms.Form form, Map<String, List<String>> values) {
        URI action = form.action().isEmpty() ? page : page.resolve(form.action());
        String body = encode(values);
        if ("post".equals(form.method())) {
            return HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }
        return HttpRequest.newBuilder(URI.create(action + (action.getQuery() == null ? "?" : "&") + body)).GET().build();
    }

    private static String encode(Map<String, List<String>> values) {
        StringJoiner out = new StringJoiner("&");
        values.forEach((name, list) -> list.forEach(value -> out.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return out.toString();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }
}
