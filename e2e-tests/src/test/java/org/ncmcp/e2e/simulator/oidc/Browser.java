package org.ncmcp.e2e.simulator.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript, over HTTP: keeps the simulator's session cookie, follows nothing by itself, and
 * reads what a page offers (hidden inputs, links). Enough to drive the login and authorize pages step by step.
 */
final class Browser {

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern SET_COOKIE = Pattern.compile("^([^=;\\s]+)=([^;]*)");

    private final URI base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    Browser(URI base) {
        this.base = base;
    }

    HttpResponse<String> get(String pathOrUrl) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(resolve(pathOrUrl)).GET());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
            Matcher cookie = SET_COOKIE.matcher(header);
            if (cookie.find()) {
                cookies.put(cookie.group(1), cookie.group(2));
            }
        }
        return response;
    }

    URI resolve(String pathOrUrl) {
        return base.resolve(pathOrUrl);
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location in "
                + response.statusCode() + " " + response.uri()));
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The value of {@code <input name="…" value="…">} in a page. */
    static String hiddenInput(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no input " + name + " in " + html);
        }
        return unescape(m.group(1));
    }

    /** The URL a GET form with this id submits to: its action with its hidden inputs as the query. */
    static String getFormTarget(String html, String id) {
        Matcher form = Pattern.compile("<form id=\"" + Pattern.quote(id) + "\" method=\"get\" action=\"([^\"]*)\">(.*?)</form>")
                .matcher(html);
        if (!form.find()) {
            throw new AssertionError("no GET form " + id + " in " + html);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">").matcher(form.group(2));
        while (input.find()) {
            fields.put(unescape(input.group(1)), unescape(input.group(2)));
        }
        return unescape(form.group(1)) + (fields.isEmpty() ? "" : "?" + form(fields));
    }

    static Map<String, String> queryOf(String url) {
        Map<String, String> values = new LinkedHashMap<>();
        int mark = url.indexOf('?');
        if (mark < 0) {
            return values;
        }
        for (String pair : url.substring(mark + 1).split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
