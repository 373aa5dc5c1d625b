package org.ncmcp.broker.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Authorization responses carrying {@code iss} (RFC 9207), successes and redirectable errors alike, so a
 * client talking to several authorization servers can tell which one answered (mix-up defence).
 * Errors that cannot be redirected safely are a plain 400 page for the person at the browser.
 */
@Component
public class AuthorizationResponses {

    private final String issuer;

    public AuthorizationResponses(BrokerProperties properties) {
        this.issuer = properties.issuerString();
    }

    public AuthenticationSuccessHandler success() {
        return this::onSuccess;
    }

    public AuthenticationFailureHandler failure() {
        return this::onFailure;
    }

    private void onSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        var result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
                .queryParam(OAuth2ParameterNames.CODE, encode(result.getAuthorizationCode().getTokenValue()));
        if (result.getState() != null) {
            uri.queryParam(OAuth2ParameterNames.STATE, encode(result.getState()));
        }
        uri.queryParam("iss", encode(issuer));
        redirect(response, uri.build(true).toUriString());
    }

    private void onFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                : new OAuth2Error("server_error");
        OAuth2AuthorizationCodeRequestAuthenticationToken attempted =
                exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException e
                        ? e.getAuthorizationCodeRequestAuthentication() : null;
        if (attempted == null || attempted.getRedirectUri() == null) {
            showError(response, error);
            return;
        }
        if ("access_denied".equals(error.getErrorCode())) {
            // Spring's description here names a parameter; what happened is that the person said no
            error = new OAuth2Error("access_denied", "The user denied the request.", null);
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(attempted.getRedirectUri())
                .queryParam(OAuth2ParameterNames.ERROR, encode(error.getErrorCode()));
        if (error.getDescription() != null) {
            uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, encode(error.getDescription()));
        }
        if (attempted.getState() != null) {
            uri.queryParam(OAuth2ParameterNames.STATE, encode(attempted.getState()));
        }
        uri.queryParam("iss", encode(issuer));
        redirect(response, uri.build(true).toUriString());
    }

    private static void showError(HttpServletResponse response, OAuth2Error error) throws IOException {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        String description = error.getDescription() == null ? "" : error.getDescription();
        response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in request"
                + " refused</title></head><body><h1>This sign-in request was refused</h1><p>"
                + HtmlUtils.htmlEscape(error.getErrorCode()) + ": " + HtmlUtils.htmlEscape(description)
                + "</p><p>The application that sent you here made an invalid request. Nothing was shared with it."
                + " You can close this window.</p></body></html>");
    }

    /** 302 with Location; never 307, which would replay a POST body with credentials (RFC 9700 §4.12). */
    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(HttpStatus.FOUND.value());
        response.setHeader("Location", location);
    }

    private static String encode(String value) {
        return UriUtils.encode(value, StandardCharsets.UTF_8);
    }
}
