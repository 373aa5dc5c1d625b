package org.ncmcp.broker.client.registration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import org.ncmcp.broker.audit.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.http.converter.OAuth2ClientRegistrationHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a successful registration (201 with the client's metadata) after noting when and from where
 * it came, which the expiry of unused registrations and the audit log need.
 */
@Component
public class RegistrationRecorder implements AuthenticationSuccessHandler {

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final OAuth2ClientRegistrationHttpMessageConverter converter = new OAuth2ClientRegistrationHttpMessageConverter();

    public RegistrationRecorder(JdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        OAuth2ClientRegistration registration = ((OAuth2ClientRegistrationAuthenticationToken) authentication)
                .getClientRegistration();
        jdbc.update("""
                INSERT INTO client_registration (registered_client_id, registered_at, registered_from)
                SELECT id, ?, ? FROM oauth2_registered_client WHERE client_id = ?""",
                Timestamp.from(Instant.now()), request.getRemoteAddr(), registration.getClientId());
        audit.record("client_registered", null, registration.getClientId(), "success",
                "name '" + registration.getClientName() + "', redirect URIs " + registration.getRedirectUris());
        ServletServerHttpResponse out = new ServletServerHttpResponse(response);
        out.setStatusCode(HttpStatus.CREATED);
        out.getHeaders().setCacheControl("no-store");
        converter.write(registration, null, out);
    }
}
