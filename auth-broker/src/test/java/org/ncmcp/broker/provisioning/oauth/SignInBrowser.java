package org.ncmcp.broker.provisioning.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser without the browser: keeps cookies, follows redirects one by one, and fills in Keycloak's login
 * form when it appears. Enough for the broker's sign-in and the IdP round trip of {@code oauth-refresh}.
 */
final class SignInBrowser {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * Cookies by name, whatever their flags: Keycloak marks its cookies Secure even on plain-http loopback, which
     * {@code java.net.CookieManager} would then never send. Everything here runs on 127.0.0.1.
     */
    private final Map<String, String> cookies = new ConcurrentHashMap<>();
    private final String username;
    private final String password;

    SignInBrowser(String username) {
        this.username = username;
        this.password = username + "-password";
    }

    /**
     * Goes to {@code start} and on, signing in at Keycloak when asked, until a page answers 200 or the next redirect
     * matches {@code stopBefore}; @return the last URL visited, or the matching redirect target (not visited)
     */
    URI visit(URI start, Predicate<URI> stopBefore) {
        URI current = start;
        HttpResponse<String> response = get(current);
        for (int step = 0; step < 15; step++) {
            if (response.statusCode() / 100 == 3) {
                URI next = current.resolve(response.headers().firstValue("Location").orElseThrow());
                if (stopBefore.test(next)) {
                    return next;
                }
                current = next;
                response = get(current);
                continue;
            }
            Matcher form = LOGIN_FORM.matcher(response.body());
            if (response.statusCode() == 200 && form.find()) {
                Matcher action = ACTION.matcher(form.group());
                if (!action.find()) {
                    throw new IllegalStateException("Keycloak's login form has no action");
                }
                current = URI.create(action.group(1).replace("&amp;", "&"));
                response = send(HttpRequest.newBuilder(current).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(RealKeycloak.form(Map.of("username", username,
                                "password", password, "credentialId", "")))));
                continue;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " at " + current + ": "
                        + response.body().substring(0, Math.min(500, response.body().length())));
            }
            return current;
        }
        throw new IllegalStateException("too many redirects from " + start);
    }

    HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                if (value.isEmpty() || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
