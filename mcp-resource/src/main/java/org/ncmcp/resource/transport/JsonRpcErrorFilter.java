package org.ncmcp.resource.transport;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP SDK 2.0 stateless transport answers protocol errors (unknown method, malformed message) by
 * serialising its Java exception — stack trace included — with HTTP 500 or 400. This filter rewrites
 * such answers into JSON-RPC 2.0 error responses carrying the request id: an unknown method becomes
 * HTTP 200 with {@code -32601 Method not found}, a malformed message stays 400 with no internals.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class JsonRpcErrorFilter extends OncePerRequestFilter {

    private static final int METHOD_NOT_FOUND = -32601;
    private static final String MISSING_HANDLER = "Missing handler for request type";

    private final JsonMapper json;
    private final String endpoint;

    public JsonRpcErrorFilter(JsonMapper json,
            @org.springframework.beans.factory.annotation.Value("${spring.ai.mcp.server.streamable-http.mcp-endpoint:/mcp}")
            String endpoint) {
        this.json = json;
        this.endpoint = endpoint;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !endpoint.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingRequestWrapper cachedRequest = new ContentCachingRequestWrapper(request, 1024 * 1024);
        ContentCachingResponseWrapper cachedResponse = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(cachedRequest, cachedResponse);
            if (cachedResponse.getStatus() >= 400) {
                rewriteLeakedException(cachedRequest, cachedResponse);
            }
        } finally {
            cachedResponse.copyBodyToResponse();
        }
    }

    private void rewriteLeakedException(ContentCachingRequestWrapper request, ContentCachingResponseWrapper response)
            throws IOException {
        JsonNode leaked = readJson(response.getContentAsByteArray());
        if (leaked == null || !leaked.has("jsonRpcError")) {
            return;
        }
        JsonNode original = readJson(request.getContentAsByteArray());
        JsonNode id = original == null ? null : original.get("id");
        int code = leaked.path("jsonRpcError").path("code").asInt(-32603);
        String message = leaked.path("jsonRpcError").path("message").asString("Internal error");
        int status = response.getStatus();
        if (message.contains(MISSING_HANDLER)) {
            code = METHOD_NOT_FOUND;
            message = "Method not found: " + (original == null ? "" : original.path("method").asString(""));
            status = 200;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id == null || id.isMissingNode() ? null : id);
        body.put("error", error);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    private JsonNode readJson(byte[] content) {
        if (content.length == 0) {
            return null;
        }
        try {
            return json.readTree(new String(content, StandardCharsets.UTF_8));
        } catch (JacksonException notJson) {
            return null;
        }
    }
}
