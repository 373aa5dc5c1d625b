package org.ncmcp.broker.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 decided by the filter chain, before any controller runs, as RFC 9457 problem details. The 401 keeps
 * RFC 6750's {@code WWW-Authenticate: Bearer} challenge (with {@code error="invalid_token"} when a token was sent)
 * and says which token the API wants.
 */
@Component
class ApiProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final String apiResource;

    ApiProblemResponses(org.ncmcp.broker.server.ResourceIndicators resources) {
        this.apiResource = resources.apiResource();
        challenge.setRealmName("auth-broker-api");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        challenge.commence(request, response, exception);
        boolean tokenSent = request.getHeader("Authorization") != null;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, tokenSent
                ? "The bearer token was not accepted (" + exception.getMessage() + "). Send an access token from this"
                        + " broker issued for the resource " + apiResource + "."
                : "Send an access token from this broker issued for the resource " + apiResource
                        + " in the Authorization header (Bearer).");
        write(request, response, problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        write(request, response, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "This token may not be used for this request."));
    }

    static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // the same members Spring MVC writes for a ProblemDetail (RFC 9457 §3.1)
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance().toString());
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
