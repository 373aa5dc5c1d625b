package org.ncmcp.broker.lease;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ncmcp.broker.provisioning.ProvisioningService;
import org.ncmcp.model.lease.LeaseProtocol;
import org.ncmcp.model.lease.ProvisioningProtocol;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a person stands with Nextcloud, for mcp-resource's {@code nc_auth_*} tools and its effective-scope check
 * ({@link ProvisioningProtocol}). Authenticated like a lease: the lease client's credentials (HTTP Basic) plus the
 * person's MCP access token. Polls a pending Login Flow v2 on the way. Never answers with a secret.
 */
@RestController
public class ProvisioningStatusEndpoint {

    private final LeaseClientRepository clients;
    private final PasswordEncoder secrets;
    private final SubjectTokens subjectTokens;
    private final ProvisioningService provisioning;
    private final LeaseIssuer leases;

    public ProvisioningStatusEndpoint(LeaseClientRepository clients, PasswordEncoder secrets,
            SubjectTokens subjectTokens, ProvisioningService provisioning, LeaseIssuer leases) {
        this.clients = clients;
        this.secrets = secrets;
        this.subjectTokens = subjectTokens;
        this.provisioning = provisioning;
        this.leases = leases;
    }

    @PostMapping(path = ProvisioningProtocol.STATUS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> status(HttpServletRequest request) {
        if (!leaseClientAuthenticated(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"auth-broker internal API\"")
                    .body(error("invalid_client", "Authenticate as the lease client (HTTP Basic)"));
        }
        String[] tokens = request.getParameterValues(ProvisioningProtocol.PARAM_SUBJECT_TOKEN);
        Optional<SubjectTokens.Subject> subject = tokens == null || tokens.length != 1 ? Optional.empty()
                : subjectTokens.verify(tokens[0]);
        if (subject.isEmpty()) {
            return ResponseEntity.badRequest().body(error("invalid_grant",
                    "subject_token must be one valid, active access token of this broker"));
        }
        ProvisioningService.Status status = provisioning.status(subject.get().subject());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ProvisioningProtocol.FIELD_STATUS, status.status().value());
        status.credential().filter(credential -> !credential.revoked()).ifPresent(credential -> {
            body.put(ProvisioningProtocol.FIELD_KIND, credential.kind().value());
            body.put(ProvisioningProtocol.FIELD_GRANTED_SCOPE, credential.scopes().format());
            body.put(ProvisioningProtocol.FIELD_NEXTCLOUD_USER, credential.nextcloudUserId());
            body.put(ProvisioningProtocol.FIELD_UPDATED_AT, credential.updatedAt().toString());
        });
        status.latestSession().filter(session -> session.state() != org.ncmcp.broker.provisioning.ProvisioningSession.State.COMPLETED)
                .ifPresent(session -> body.put(ProvisioningProtocol.FIELD_PENDING_SCOPE, session.scopes().format()));
        if (status.detail() != null) {
            body.put(ProvisioningProtocol.FIELD_DETAIL, status.detail());
        }
        body.put(ProvisioningProtocol.FIELD_PROVISIONING_URI, leases.connectPage(ScopeSet.empty()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    @PostMapping(path = ProvisioningProtocol.REJECTED_PATH)
    public ResponseEntity<Map<String, Object>> rejected(HttpServletRequest request) {
        if (!leaseClientAuthenticated(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"auth-broker internal API\"")
                    .body(error("invalid_client", "Authenticate as the lease client (HTTP Basic)"));
        }
        String[] tokens = request.getParameterValues(ProvisioningProtocol.PARAM_SUBJECT_TOKEN);
        Optional<SubjectTokens.Subject> subject = tokens == null || tokens.length != 1 ? Optional.empty()
                : subjectTokens.verify(tokens[0]);
        if (subject.isEmpty()) {
            return ResponseEntity.badRequest().body(error("invalid_grant",
                    "subject_token must be one valid, active access token of this broker"));
        }
        provisioning.checkReportedRejection(subject.get().subject());
        return ResponseEntity.noContent().build();
    }

    private boolean leaseClientAuthenticated(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return false;
        }
        RegisteredClient client = clients.findByClientId(java.net.URLDecoder.decode(pair.substring(0, colon),
                StandardCharsets.UTF_8));
        return clients.isLeaseClient(client) && secrets.matches(java.net.URLDecoder.decode(pair.substring(colon + 1),
                StandardCharsets.UTF_8), client.getClientSecret());
    }

    private static Map<String, Object> error(String code, String description) {
        return Map.of(LeaseProtocol.FIELD_ERROR, code, LeaseProtocol.FIELD_ERROR_DESCRIPTION, description);
    }
}
