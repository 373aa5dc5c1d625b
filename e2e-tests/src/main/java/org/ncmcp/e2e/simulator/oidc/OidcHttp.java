package org.ncmcp.e2e.simulator.oidc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.ncmcp.e2e.simulator.http.SimExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** Request parameters and JSON responses the way Nextcloud's app framework handles them. */
final class OidcHttp {

    /** PHP's json_encode without JSON_UNESCAPED_SLASHES/UNICODE, as Nextcloud's JSONResponse renders: {@code "http:\/\/…"}. */
    private static final JsonMapper PHP_JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES, JsonWriteFeature.ESCAPE_NON_ASCII).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    private OidcHttp() {
    }

    /** Sends a JSONResponse; {@code methods} adds the CORS headers the app sets ({@code Access-Control-Allow-Origin: *}). */
    static void json(SimExchange exchange, int status, Object body, String methods) throws IOException {
        if (methods != null) {
            exchange.setHeader("Access-Control-Allow-Origin", "*");
            exchange.setHeader("Access-Control-Allow-Methods", methods);
        }
        // JSON_HEX_TAG: < and > only occur inside strings, so replacing them is safe.
        String text = PHP_JSON.writeValueAsString(body).replace("<", "\\u003C").replace(">", "\\u003E");
        exchange.sendJson(status, text);
    }

    static void error(SimExchange exchange, int status, String error, String description) throws IOException {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        json(exchange, status, body, null);
    }

    /**
     * A controller's parameters: route, then body (form or JSON), then query, as Nextcloud merges them. Values keep
     * their JSON type so {@code redirect_uris} stays an array.
     */
    static final class Params {
        private final SimExchange exchange;
        private final JsonNode body;
        private final Map<String, String> form;

        private Params(SimExchange exchange, JsonNode body, Map<String, String> form) {
            this.exchange = exchange;
            this.body = body;
            this.form = form;
        }

        static Params of(SimExchange exchange) throws IOException {
            String contentType = Optional.ofNullable(exchange.header("Content-Type")).orElse("");
            if (contentType.contains("json")) {
                JsonNode parsed;
                try {
                    parsed = exchange.body().length == 0 ? null : JSON.readTree(exchange.body());
                } catch (JacksonException malformed) {
                    parsed = null;
                }
                return new Params(exchange, parsed != null && parsed.isObject() ? parsed : null, Map.of());
            }
            boolean hasBody = "POST".equals(exchange.method()) || "PUT".equals(exchange.method());
            return new Params(exchange, null, hasBody ? exchange.form() : Map.of());
        }

        /** The raw value; a JSON string node for form and query values. */
        JsonNode node(String name) {
            if (body != null && body.has(name)) {
                return body.get(name);
            }
            String value = form.containsKey(name) ? form.get(name) : exchange.query(name);
            return value == null ? null : JsonNodeFactory.instance.stringNode(value);
        }

        /** A scalar as text, or null when absent, JSON null, or not a scalar. */
        String string(String name) {
            JsonNode node = node(name);
            return node == null || node.isNull() || node.isContainer() ? null : node.asString();
        }

        /** A non-blank value, or null. */
        String present(String name) {
            String value = string(name);
            return value == null || value.isBlank() ? null : value;
        }
    }

    /** {@code Authorization: Basic} split into id and secret, without decoding (the introspection endpoint). */
    static String[] basicCredentials(SimExchange exchange) {
        String authorization = exchange.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** PHP's rawurldecode: percent escapes only, {@code +} stays a plus (RFC 6749 §2.3.1 Basic credentials). */
    static String rawUrlDecode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    /** Symfony's UrlGenerator, behind Nextcloud's linkToRoute: RFC 3986 query, then these escapes undone. */
    private static final String[][] QUERY_DECODED = {{"%252F", "%2F"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"},
            {"%3A", ":"}, {"%21", "!"}, {"%3B", ";"}, {"%2C", ","}, {"%2A", "*"}};

    /** The query string linkToRoute appends for extra route parameters. */
    static String routeQuery(Map<String, String> params) {
        String encoded = params.entrySet().stream()
                .map(e -> UserClaims.rawUrlEncode(e.getKey()) + "=" + UserClaims.rawUrlEncode(e.getValue()))
                .collect(java.util.stream.Collectors.joining("&"));
        StringBuilder out = new StringBuilder(encoded.length());
        // strtr(): longest key first, no re-scanning of replaced text.
        scan:
        for (int i = 0; i < encoded.length(); ) {
            for (String[] pair : QUERY_DECODED) {
                if (encoded.startsWith(pair[0], i)) {
                    out.append(pair[1]);
                    i += pair[0].length();
                    continue scan;
                }
            }
            out.append(encoded.charAt(i++));
        }
        return out.toString();
    }
}
