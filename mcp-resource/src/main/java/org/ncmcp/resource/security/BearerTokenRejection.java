package org.ncmcp.resource.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * How bearer authentication failures are answered: a missing token or a rejected one gets its challenge
 * from {@link BearerChallenge}; a JWKS the broker cannot serve right now is a 503, because the token may be
 * valid and re-authenticating would not help. Spring's default failure handler rethrows that last case as
 * a 500, so this class is the filter's failure handler too.
 */
final class BearerTokenRejection implements AuthenticationEntryPoint, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenRejection.class);

    private final BearerChallenge challenge;
    private final JsonMapper json;

    BearerTokenRejection(BearerChallenge challenge, JsonMapper json) {
        this.challenge = challenge;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof OAuth2AuthenticationException rejected) {
            OAuth2Error error = rejected.getError();
            int status = error instanceof BearerTokenError bearer ? bearer.getHttpStatus().value()
                    : HttpServletResponse.SC_UNAUTHORIZED;
            // Why a token was refused helps operators; the token itself is never logged (RS-14).
            log.debug("Rejected bearer token on {} {}: {}", request.getMethod(), request.getRequestURI(),
                    error.getDescription());
            challenge.tokenRejected(response, status, error.getErrorCode(), error.getDescription());
        } else if (failure instanceof AuthenticationServiceException unavailable) {
            log.warn("Cannot validate bearer tokens: {}", unavailable.getMessage());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "temporarily_unavailable");
            body.put("error_description", "The authorization server's signing keys could not be fetched; try again"
                    + " shortly.");
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(body));
        } else {
            challenge.tokenRequired(response);
        }
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        commence(request, response, failure);
    }
}
