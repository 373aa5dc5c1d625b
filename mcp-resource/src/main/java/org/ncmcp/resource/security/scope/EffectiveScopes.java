package org.ncmcp.resource.security.scope;

import org.ncmcp.model.scope.ScopeSet;
import org.ncmcp.resource.security.caller.CallerIdentity;

/**
 * The scopes a caller may use on this request: what {@code tools/list} shows and what {@code tools/call}
 * is checked against. Today that is the token's scopes; ARCHITECTURE.md §2.2 makes it the token's scopes
 * intersected with the scopes the user granted at provisioning, which a replacement bean of this type
 * will compute (issue 4). Everything that needs the effective scopes asks this one bean.
 */
@FunctionalInterface
public interface EffectiveScopes {

    ScopeSet of(CallerIdentity caller);

    /** Until provisioning records the user's grant: the token's scopes, nothing more. */
    static EffectiveScopes tokenScopes() {
        return CallerIdentity::tokenScopes;
    }
}
