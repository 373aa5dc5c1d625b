package org.ncmcp.broker.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.ncmcp.broker.consent.ConsentController;
import org.ncmcp.model.scope.Access;
import org.ncmcp.model.scope.Scope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.MediaType;

/** The scope catalogue: what a person can grant an assistant, in the words the consent page uses. */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "scopes")
class ScopesController {

    /**
     * One scope.
     *
     * @param implies scopes this one includes (a write scope includes its read scope)
     */
    record ScopeInfo(String scope, String app, String access, String description, List<String> implies) {
    }

    @GetMapping("/api/v1/scopes")
    @Operation(summary = "The scope catalogue", description = "Every scope a person can grant, with a description."
            + " Any signed-in caller may read it.")
    List<ScopeInfo> scopes() {
        return Scope.catalogue().stream().map(scope -> new ScopeInfo(scope.value(), scope.app().id(),
                scope.access().id(), ConsentController.describe(scope.value()),
                scope.access() == Access.WRITE ? List.of(Scope.read(scope.app()).value()) : List.of())).toList();
    }
}
