package org.ncmcp.broker.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.ncmcp.broker.account.AccessView;
import org.ncmcp.broker.account.AccountAccess;
import org.ncmcp.broker.account.ScopeChange;
import org.ncmcp.broker.login.BrokerUsers.BrokerUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.MediaType;

/** A person's access to Nextcloud: read it, change its scopes, disconnect. Their own, or anyone's for an admin. */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "access")
class AccessController {

    private static final String ID = "The person's broker subject (the sub of their tokens), or 'me'.";

    private final ApiCaller caller;
    private final AccountAccess access;

    AccessController(ApiCaller caller, AccountAccess access) {
        this.caller = caller;
        this.access = access;
    }

    @GetMapping("/api/v1/users/{id}/access")
    @Operation(summary = "A person's Nextcloud access", description = "Whether Nextcloud is connected, how (kind),"
            + " as which Nextcloud user, with which scopes, since when; never the secret.")
    AccessView read(@Parameter(description = ID, example = "me") @PathVariable String id) {
        return access.of(caller.userFor(id));
    }

    @PatchMapping("/api/v1/users/{id}/scopes")
    @Operation(summary = "Change granted scopes", description = "Either the new set ({\"scopes\":[\"notes:read\"]})"
            + " or lists to add and remove ({\"add\":[...],\"remove\":[...]}). Scopes come from /api/v1/scopes; at"
            + " least one must remain. Takes effect on the next credential lease.")
    AccessView changeScopes(@Parameter(description = ID, example = "me") @PathVariable String id,
            @RequestBody ScopeChange change) {
        if (change == null) {
            throw ApiProblems.badRequest("Send a JSON body such as {\"scopes\":[\"notes:read\"]}.");
        }
        BrokerUser user = caller.userFor(id);
        return access.changeScopes(user, change, caller.current().actorOn(user.subject()));
    }

    @DeleteMapping("/api/v1/users/{id}/access")
    @Operation(summary = "Disconnect Nextcloud", description = "Deletes the stored credential and revokes it at"
            + " Nextcloud (the app password is deleted there). Leases already handed out end within their lifetime.")
    ResponseEntity<Void> revoke(@Parameter(description = ID, example = "me") @PathVariable String id) {
        BrokerUser user = caller.userFor(id);
        if (!access.revoke(user, caller.current().actorOn(user.subject()))) {
            throw ApiProblems.notFound("'" + user.subject() + "' has no stored Nextcloud access to revoke.");
        }
        return ResponseEntity.noContent().build();
    }
}
