package org.ncmcp.resource.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * RS-11/RS-14: a bearer token in the URL ({@code ?access_token=}) is never accepted, and the request is
 * answered before Spring Security's debug logging writes the URL, query string included, to the log.
 * The answer is the ordinary no-token challenge; the body says where the token belongs.
 */
final class QueryTokenFilter extends OncePerRequestFilter {

    private static final String PARAMETER = "access_token";

    private final BearerChallenge challenge;

    QueryTokenFilter(BearerChallenge challenge) {
        this.challenge = challenge;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (hasTokenParameter(request.getQueryString())) {
            challenge.tokenRequired(response, "Access tokens in the URL are not accepted (they end up in logs and"
                    + " browser history); send it in the Authorization header as 'Bearer <token>'.");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean hasTokenParameter(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            try {
                if (PARAMETER.equals(URLDecoder.decode(name, StandardCharsets.UTF_8))) {
                    return true;
                }
            } catch (IllegalArgumentException malformed) {
                // A name that is not valid percent-encoding is not ours; the rest of the chain decides.
            }
        }
        return false;
    }
}
