package org.ncmcp.broker.client.registration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits dynamic registrations per client IP (429 with {@code Retry-After}); a registration endpoint
 * open to anyone must not let one host fill the client table. Also answers 403 when DCR is disabled.
 */
public class RegistrationRateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final RegistrationProperties properties;

    public RegistrationRateLimitFilter(RateLimiter limiter, RegistrationProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/oauth2/register".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!properties.enabled()) {
            reject(response, HttpStatus.FORBIDDEN, "access_denied",
                    "Dynamic client registration is disabled here; use a Client ID Metadata Document (an https client_id).");
            return;
        }
        RateLimiter.Decision decision = limiter.hit("dcr:" + request.getRemoteAddr(), properties.maxPerWindow(),
                properties.window());
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, decision.retryAfter().toSeconds())));
            reject(response, HttpStatus.TOO_MANY_REQUESTS, "too_many_requests",
                    "Too many client registrations from this address; retry after the time in Retry-After.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void reject(HttpServletResponse response, HttpStatus status, String error, String description)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }
}
