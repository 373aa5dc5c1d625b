package org.ncmcp.e2e.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** One request and its response, with the small conveniences every simulated API needs. */
public final class SimExchange {

    private final HttpExchange exchange;
    private final String path;
    private final Map<String, String> query;
    private Matcher pathMatch;
    private byte[] body;

    SimExchange(HttpExchange exchange) {
        this.exchange = exchange;
        this.path = exchange.getRequestURI().getRawPath();
        this.query = parseForm(exchange.getRequestURI().getRawQuery());
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    public String path() {
        return path;
    }

    void pathMatch(Matcher matcher) {
        this.pathMatch = matcher;
    }

    /** A capture group of the route's path pattern. */
    public String pathGroup(int group) {
        return URLDecoder.decode(pathMatch.group(group), StandardCharsets.UTF_8);
    }

    public String query(String name) {
        return query.get(name);
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The URL the client used to reach us, from the {@code Host} header, as Nextcloud builds its URLs. */
    public String requestBaseUrl() {
        String host = header("Host");
        if (host == null) {
            host = "127.0.0.1:" + exchange.getLocalAddress().getPort();
        }
        return "http://" + host;
    }

    public byte[] body() throws IOException {
        if (body == null) {
            body = exchange.getRequestBody().readAllBytes();
        }
        return body;
    }

    public String bodyAsString() throws IOException {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** Form fields of an {@code application/x-www-form-urlencoded} body. */
    public Map<String, String> form() throws IOException {
        return parseForm(bodyAsString());
    }

    public void setHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    public void send(int status, String contentType, byte[] content) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean empty = content == null || content.length == 0 || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, empty ? -1 : content.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        }
        exchange.close();
    }

    public void sendJson(int status, String json) throws IOException {
        send(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    public void sendHtml(int status, String html) throws IOException {
        send(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    public void redirect(String location) throws IOException {
        setHeader("Location", location);
        send(303, null, null);
    }

    static Map<String, String> parseForm(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : List.of(raw.split("&"))) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }
}
