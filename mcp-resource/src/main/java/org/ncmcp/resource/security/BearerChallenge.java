package org.ncmcp.resource.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the {@code WWW-Authenticate: Bearer …} challenges of this resource server (RFC 6750 §3, RFC 9728
 * §5.1), so every 401 and 403 names the same metadata document and scopes:
 * <ul>
 * <li>no token: 401 {@code Bearer resource_metadata="…", scope="<baseline>"} (RS-02, RS-03);</li>
 * <li>rejected token: 401 {@code Bearer error="invalid_token", error_description="…", resource_metadata="…",
 * scope="<baseline>"} (RS-05), or 400 for {@code invalid_request};</li>
 * <li>too few scopes: 403 {@code Bearer error="insufficient_scope", scope="<all needed>", resource_metadata="…"}
 * (RS-09), with a JSON-RPC error body.</li>
 * </ul>
 */
public final class BearerChallenge {

    /** JSON-RPC 2.0 §5.1 leaves -32000..-32099 to servers; this one means "the token lacks a scope". */
    public static final int INSUFFICIENT_SCOPE_CODE = -32003;
    private static final int MAX_DESCRIPTION = 300;

    private final String resourceMetadataUrl;
    private final ScopeSet baseline;
    private final JsonMapper json;

    public BearerChallenge(String resourceMetadataUrl, ScopeSet baseline, JsonMapper json) {
        this.resourceMetadataUrl = resourceMetadataUrl;
        this.baseline = baseline;
        this.json = json;
    }

    public String resourceMetadataUrl() {
        return resourceMetadataUrl;
    }

    /** 401 for a request without a bearer token. */
    public void tokenRequired(HttpServletResponse response) throws IOException {
        tokenRequired(response, "This MCP server needs an OAuth access token in the Authorization header (Bearer);"
                + " where to get one is described at " + resourceMetadataUrl);
    }

    /** 401 for a request without a usable bearer token, explaining why in the body. */
    public void tokenRequired(HttpServletResponse response, String explanation) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("resource_metadata", resourceMetadataUrl);
        parameters.put("scope", baseline.format());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "unauthorized");
        body.put("error_description", explanation);
        write(response, HttpServletResponse.SC_UNAUTHORIZED, parameters, body);
    }

    /** 401 ({@code invalid_token}) or 400 ({@code invalid_request}) for a token that was rejected. */
    public void tokenRejected(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        String cleaned = clean(description);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error);
        parameters.put("error_description", cleaned);
        parameters.put("resource_metadata", resourceMetadataUrl);
        parameters.put("scope", baseline.format());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", cleaned);
        write(response, status, parameters, body);
    }

    /**
     * 403 for a JSON-RPC request the token's scopes do not allow. {@code challengeScopes} is everything the
     * client should ask for in one step-up: what it holds plus what is missing (SEP-2350, RS-09).
     */
    public void insufficientScope(HttpServletResponse response, ScopeSet challengeScopes, Object jsonRpcId,
            String message, ScopeSet missing) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", "insufficient_scope");
        parameters.put("error_description", clean(message));
        parameters.put("scope", challengeScopes.format());
        parameters.put("resource_metadata", resourceMetadataUrl);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requiredScopes", missing.asSet().stream().map(Object::toString).toList());
        data.put("scope", challengeScopes.format());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", INSUFFICIENT_SCOPE_CODE);
        error.put("message", message);
        error.put("data", data);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", jsonRpcId);
        body.put("error", error);
        write(response, HttpServletResponse.SC_FORBIDDEN, parameters, body);
    }

    static String header(Map<String, String> parameters) {
        StringBuilder header = new StringBuilder("Bearer");
        String separator = " ";
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            header.append(separator).append(parameter.getKey()).append("=\"").append(parameter.getValue()).append('"');
            separator = ", ";
        }
        return header.toString();
    }

    /**
     * RFC 6750 §3 allows only printable ASCII other than {@code "} and {@code \} in these values; messages
     * from the JWT library may carry anything, and a long one helps nobody.
     */
    static String clean(String description) {
        String text = description == null ? "" : description;
        text = text.replace("An error occurred while attempting to decode the Jwt: ", "");
        StringBuilder cleaned = new StringBuilder(Math.min(text.length(), MAX_DESCRIPTION));
        for (int i = 0; i < text.length() && cleaned.length() < MAX_DESCRIPTION; i++) {
            char c = text.charAt(i);
            cleaned.append(c == '"' || c == '\\' ? '\'' : (c < 0x20 || c > 0x7e) ? ' ' : c);
        }
        return cleaned.toString().trim();
    }

    private void write(HttpServletResponse response, int status, Map<String, String> parameters,
            Map<String, Object> body) throws IOException {
        response.setStatus(status);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, header(parameters));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
