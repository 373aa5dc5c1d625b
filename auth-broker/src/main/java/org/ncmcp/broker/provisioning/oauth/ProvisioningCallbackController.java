package org.ncmcp.broker.provisioning.oauth;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.util.Optional;
import org.ncmcp.broker.audit.AuditLog;
import org.ncmcp.broker.provisioning.ProvisioningService;
import org.ncmcp.broker.provisioning.ProvisioningSession;
import org.ncmcp.broker.provisioning.ProvisioningSessions;
import org.ncmcp.model.lease.ProvisioningKind;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The IdP's redirect back after the {@code oauth-refresh} approval. Behind the browser sign-in: the attempt named by
 * {@code state} must be the signed-in person's own and still pending. The browser then goes to the provisioning
 * landing page of that attempt, which shows how it ended.
 */
@RestController
class ProvisioningCallbackController {

    private final ProvisioningSessions sessions;
    private final ProvisioningService service;
    private final OAuthRefreshKind kind;
    private final AuditLog audit;
    private final Clock clock;

    ProvisioningCallbackController(ProvisioningSessions sessions, ProvisioningService service, OAuthRefreshKind kind,
            AuditLog audit, Clock clock) {
        this.sessions = sessions;
        this.service = service;
        this.kind = kind;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping(OAuthRefreshKind.CALLBACK_PATH)
    ResponseEntity<?> callback(@RequestParam(required = false) String state,
            @RequestParam(required = false) String code, @RequestParam(required = false) String error,
            @RequestParam(name = "error_description", required = false) String errorDescription, Principal person) {
        if (state == null || state.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The sign-in service sent no 'state'.");
        }
        Optional<ProvisioningSession> found = sessions.findByOauthState(state)
                .filter(session -> session.kind() == ProvisioningKind.OAUTH_REFRESH);
        if (found.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "This connection attempt is unknown; start connecting Nextcloud again.");
        }
        ProvisioningSession session = found.get();
        if (!session.subject().equals(person.getName())) {
            // someone else's attempt: do not touch it (the code stays unused and expires)
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "This connection attempt was started by another person; sign in as that person or start again.");
        }
        if (session.pending()) {
            if (session.expiresAt().isBefore(clock.instant())) {
                service.fail(session, "The connection was not completed in time; start again.",
                        "oauth-refresh callback after the attempt expired");
            } else if (error != null) {
                if ("access_denied".equals(error)) {
                    if (sessions.finish(session.id(), ProvisioningSession.State.DECLINED,
                            "You did not allow access at the sign-in service.", clock.instant())) {
                        audit.record("provisioning-declined", session.subject(), null, "declined", kind.kind().value());
                    }
                } else {
                    service.fail(session, "The sign-in service reported '" + error + "'"
                            + (errorDescription == null ? "" : ": " + errorDescription) + ". Please try again.",
                            "oauth-refresh authorization error " + error);
                }
            } else if (code == null || code.isBlank()) {
                service.fail(session, "The sign-in service sent neither a code nor an error.",
                        "oauth-refresh callback without code");
            } else {
                kind.finish(session, code);
            }
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/provision/" + session.id())).build();
    }

    /** The person reads why (the generic error page would drop the reason). */
    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<String> refused(ResponseStatusException refused) {
        return ResponseEntity.status(refused.getStatusCode()).contentType(MediaType.TEXT_PLAIN)
                .body(refused.getReason());
    }
}
