package org.ncmcp.broker.client.registration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import org.ncmcp.broker.audit.AuditLog;
import org.ncmcp.broker.client.upstream.UpstreamRegistration;
import org.ncmcp.broker.client.upstream.UpstreamRegistrationException;
import org.ncmcp.broker.client.upstream.UpstreamRegistrationMirror;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
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
    private final RegisteredClientRepository clients;
    private final ObjectProvider<UpstreamRegistrationMirror> mirror;
    private final OAuth2ClientRegistrationHttpMessageConverter converter = new OAuth2ClientRegistrationHttpMessageConverter();

    public RegistrationRecorder(JdbcTemplate jdbc, AuditLog audit, RegisteredClientRepository clients,
            ObjectProvider<UpstreamRegistrationMirror> mirror) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clients = clients;
        this.mirror = mirror;
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
        UpstreamRegistrationMirror upstream = mirror.getIfAvailable();
        String upstreamId = null;
        if (upstream != null) {
            upstreamId = mirrorUpstream(upstream, registration, response);
            if (upstreamId == null) {
                return;
            }
        }
        audit.record("client_registered", null, registration.getClientId(), "success",
                "name '" + registration.getClientName() + "', redirect URIs " + registration.getRedirectUris()
                        + (upstreamId == null ? "" : ", mirrored upstream as " + upstreamId));
        ServletServerHttpResponse out = new ServletServerHttpResponse(response);
        out.setStatusCode(HttpStatus.CREATED);
        out.getHeaders().setCacheControl("no-store");
        converter.write(registration, null, out);
    }

    /**
     * DCR proxy mode: registers the client at the upstream IdP too. If the IdP refuses or cannot be
     * reached, the local registration is undone and the client told why: a half-registered client would
     * fail later at sign-in with a less useful message.
     */
    private String mirrorUpstream(UpstreamRegistrationMirror upstream, OAuth2ClientRegistration registration,
            HttpServletResponse response) throws IOException {
        RegisteredClient client = clients.findByClientId(registration.getClientId());
        try {
            UpstreamRegistration mirrored = upstream.mirror(client);
            // only the upstream id is kept; the upstream secret stays unused until the vault holds it
            jdbc.update("UPDATE client_registration SET upstream_client_id = ? WHERE registered_client_id = ?",
                    mirrored.upstreamClientId(), client.getId());
            return mirrored.upstreamClientId();
        } catch (UpstreamRegistrationException e) {
            undo(client, registration, "refused upstream: " + e.getMessage());
            writeError(response, HttpStatus.BAD_REQUEST, "invalid_client_metadata",
                    "The identity provider refused this registration: " + e.getMessage());
        } catch (RuntimeException e) {
            undo(client, registration, "upstream unavailable: " + e.getMessage());
            response.setHeader("Retry-After", "30");
            writeError(response, HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "The identity provider could not be reached to register this client; try again later.");
        }
        return null;
    }

    private void undo(RegisteredClient client, OAuth2ClientRegistration registration, String why) {
        jdbc.update("DELETE FROM client_registration WHERE registered_client_id = ?", client.getId());
        jdbc.update("DELETE FROM oauth2_registered_client WHERE id = ?", client.getId());
        audit.record("client_registered", null, registration.getClientId(), "failed", why);
    }

    private static void writeError(HttpServletResponse response, HttpStatus status, String error, String description)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(
                java.util.Map.of("error", error, "error_description", description)));
    }
}
