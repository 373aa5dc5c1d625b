package org.ncmcp.resource.security.scope;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ncmcp.model.scope.Scope;
import org.ncmcp.model.scope.ScopeSet;
import org.ncmcp.resource.credentials.RequiredScopeOfRequest;
import org.ncmcp.resource.security.BearerChallenge;
import org.ncmcp.resource.security.caller.CallerIdentity;
import org.ncmcp.resource.security.caller.CurrentCaller;
import org.ncmcp.resource.security.caller.UrlElicitationClients;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Per-tool scopes, enforced on the HTTP request before the MCP server dispatches it (ARCHITECTURE.md §2.2):
 * the MCP authorization spec wants a real HTTP 403 with {@code error="insufficient_scope"} naming every
 * scope needed in one challenge (RS-09), which a tool handler, answering inside a 200, cannot give.
 * Runs after bearer authentication, so a caller always exists.
 * <ul>
 * <li>{@code tools/call} (and reading a note resource): the scope from {@link RequiredScopes}, granted with
 * write-implies-read (RS-10); otherwise 403 with the token's scopes plus the missing ones.</li>
 * <li>{@code tools/list}: the answer lists only tools the caller's {@link EffectiveScopes} allow. The list
 * is only a convenience; the call check above is what protects data.</li>
 * <li>The body is read once, checked, and handed on unchanged. A body that is not strict JSON is refused
 * with a JSON-RPC parse error here: if this check and the transport parsed differently (duplicate keys),
 * a request could be checked as one tool and run as another.</li>
 * </ul>
 */
public final class ToolScopeFilter extends OncePerRequestFilter {

    private static final int PARSE_ERROR = -32700;

    private final String endpoint;
    private final CurrentCaller callers;
    private final EffectiveScopes effectiveScopes;
    private final BearerChallenge challenge;
    private final JsonMapper json;
    private final JsonMapper strictJson;
    private final RequiredScopes requiredScopes = new RequiredScopes();
    private final UrlElicitationClients urlElicitation;

    public ToolScopeFilter(String endpoint, CurrentCaller callers, EffectiveScopes effectiveScopes,
            BearerChallenge challenge, JsonMapper json, UrlElicitationClients urlElicitation) {
        this.urlElicitation = urlElicitation;
        this.endpoint = endpoint;
        this.callers = callers;
        this.effectiveScopes = effectiveScopes;
        this.challenge = challenge;
        this.json = json;
        this.strictJson = json.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !endpoint.equals(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CallerIdentity> caller = callers.get();
        if (caller.isEmpty()) {
            // Bearer authentication runs first and /mcp requires it; never let a request through unchecked.
            challenge.tokenRequired(response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        Charset charset = charsetOf(request);
        JsonNode root;
        try {
            root = strictJson.readTree(new String(body, charset));
        } catch (JacksonException malformed) {
            writeParseError(response);
            return;
        }
        ScopeSet granted = effectiveScopes.of(caller.get());
        List<JsonNode> messages = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(messages::add);
        } else {
            messages.add(root);
        }
        ScopeSet missing = ScopeSet.empty();
        List<String> refused = new ArrayList<>();
        for (JsonNode message : messages) {
            Optional<Scope> required = requiredScopes.forMessage(message);
            if (required.isPresent() && !granted.grants(required.get())) {
                missing = missing.union(ScopeSet.of(required.get()));
                refused.add(RequiredScopes.target(message));
            }
        }
        HttpServletRequest replay = new ReplayedBodyRequest(request, body, charset);
        if (!missing.isEmpty()) {
            ScopeSet stepUp = caller.get().tokenScopes().union(missing);
            Object id = root != null && root.isObject() ? root.get("id") : null;
            challenge.insufficientScope(response, stepUp, id, "Insufficient scope: " + String.join(", ", refused)
                    + " needs " + missing.format() + ", which this access token does not grant. Authorize again with"
                    + " scope \"" + stepUp.format() + "\".", missing);
            return;
        }
        if (root != null && root.isObject() && "initialize".equals(root.path("method").asString(""))
                && urlElicitation != null) {
            urlElicitation.rememberInitialize(caller.get(), root.path("params"));
        }
        if (messages.size() == 1) {
            // the scope a credential lease is asked for (multi-user tools never name one themselves)
            requiredScopes.forMessage(messages.get(0)).ifPresent(scope -> RequiredScopeOfRequest.set(replay, scope));
        }
        if (root != null && root.isObject() && RequiredScopes.TOOLS_LIST.equals(root.path("method").asString(""))) {
            listVisibleToolsOnly(replay, response, chain, granted);
            return;
        }
        chain.doFilter(replay, response);
    }

    private void listVisibleToolsOnly(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            ScopeSet granted) throws ServletException, IOException {
        ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, cached);
            byte[] filtered = withoutHiddenTools(cached, granted);
            if (filtered != null) {
                cached.resetBuffer();
                cached.getOutputStream().write(filtered);
            }
        } finally {
            cached.copyBodyToResponse();
        }
    }

    /** The response with the tools the caller may not call removed, or null to leave it as it is. */
    private byte[] withoutHiddenTools(ContentCachingResponseWrapper response, ScopeSet granted) {
        // The stateless transport answers requests with plain JSON; anything else (an error) is left alone.
        if (response.getStatus() != HttpServletResponse.SC_OK || response.getContentType() == null
                || !MediaType.parseMediaType(response.getContentType()).isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return null;
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.getContentAsByteArray());
        } catch (JacksonException notJson) {
            return null;
        }
        if (!(answer.path("result") instanceof ObjectNode result) || !(result.get("tools") instanceof ArrayNode tools)) {
            return null;
        }
        ArrayNode visible = json.createArrayNode();
        for (JsonNode tool : tools) {
            Optional<Scope> required = requiredScopes.forTool(tool.path("name").asString(""));
            if (required.isEmpty() || granted.grants(required.get())) {
                visible.add(tool);
            }
        }
        result.set("tools", visible);
        return json.writeValueAsBytes(answer);
    }

    private void writeParseError(HttpServletResponse response) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", PARSE_ERROR);
        error.put("message", "Parse error: the body must be one JSON-RPC message in strict JSON (no duplicate keys).");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", null);
        body.put("error", error);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    private static Charset charsetOf(HttpServletRequest request) {
        String name = request.getCharacterEncoding();
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
