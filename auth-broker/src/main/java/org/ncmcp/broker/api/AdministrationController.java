package org.ncmcp.broker.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.ncmcp.broker.account.AccountDirectory;
import org.ncmcp.broker.audit.AuditEvents;
import org.ncmcp.broker.provisioning.VaultRotation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.MediaType;

/** For administrators only: everyone's accounts, the audit log, and the vault's key rotation. */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "administration")
class AdministrationController {

    private static final String PAGE = "Zero-based page number.";
    private static final String SIZE = "Items per page (default broker.api.default-page-size, at most"
            + " broker.api.max-page-size).";

    private final ApiCaller caller;
    private final AccountDirectory accounts;
    private final AuditEvents events;
    private final VaultRotation rotation;
    private final BrokerApiProperties limits;

    AdministrationController(ApiCaller caller, AccountDirectory accounts, AuditEvents events, VaultRotation rotation,
            BrokerApiProperties limits) {
        this.caller = caller;
        this.accounts = accounts;
        this.events = events;
        this.rotation = rotation;
        this.limits = limits;
    }

    @GetMapping("/api/v1/users")
    @Operation(summary = "Everyone who signed in", description = "Admins only. Each person with their Nextcloud"
            + " user, admin flag, sign-in times and a summary of their Nextcloud access.")
    PageOf<AccountDirectory.Account> users(@Parameter(description = PAGE) @RequestParam(required = false) Integer page,
            @Parameter(description = SIZE) @RequestParam(required = false) Integer size) {
        caller.requireAdmin();
        PageOf.PageRequest request = PageOf.PageRequest.of(page, size, limits);
        return PageOf.of(accounts.page(request.offset(), request.size()), request, accounts.count());
    }

    @GetMapping("/api/v1/audit")
    @Operation(summary = "The audit log", description = "Admins only. Newest first; filter by person and time.")
    PageOf<AuditEvents.AuditEvent> audit(
            @Parameter(description = "Only this person's events (their broker subject).") @RequestParam(required = false) String user,
            @Parameter(description = "Events at or after this ISO-8601 instant, e.g. 2025-01-31T12:00:00Z.")
            @RequestParam(required = false) String from,
            @Parameter(description = "Events before this ISO-8601 instant.") @RequestParam(required = false) String to,
            @Parameter(description = PAGE) @RequestParam(required = false) Integer page,
            @Parameter(description = SIZE) @RequestParam(required = false) Integer size) {
        caller.requireAdmin();
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ApiProblems.badRequest("'from' (" + start + ") must be before 'to' (" + end + ").");
        }
        PageOf.PageRequest request = PageOf.PageRequest.of(page, size, limits);
        AuditEvents.Filter filter = new AuditEvents.Filter(user == null || user.isBlank() ? null : user, start, end);
        return PageOf.of(events.page(filter, request.offset(), request.size()), request, events.count(filter));
    }

    @PostMapping("/api/v1/vault/re-encrypt")
    @Operation(summary = "Re-encrypt the vault under the active key", description = "Admins only. The key-rotation"
            + " command: re-seals every stored Nextcloud credential, kept sign-in grant and pending connection under"
            + " broker.vault.active-key, row by row under a row lock, and reports counts. When 'remaining' and 'pendingSessions' are 0 the old keys can be removed"
            + " from broker.vault.keys.")
    VaultRotation.Result reEncrypt() {
        return rotation.reEncrypt("admin " + caller.requireAdmin().subject());
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblems.badRequest("'" + name + "' must be an ISO-8601 instant such as 2025-01-31T12:00:00Z, was '"
                    + value + "'.");
        }
    }
}
