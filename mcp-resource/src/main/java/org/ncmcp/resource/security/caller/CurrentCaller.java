package org.ncmcp.resource.security.caller;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The caller of the request being served, for tool and credential code. Tools run on the request thread
 * (the stateless server executes them immediately), so the security context set by bearer authentication
 * is visible there. Single-user mode has no caller: {@link #get()} is empty.
 */
@Component
public class CurrentCaller {

    public Optional<CallerIdentity> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token && token.isAuthenticated()) {
            return Optional.of(CallerIdentity.of(token.getToken()));
        }
        return Optional.empty();
    }

    /** The caller; only for code that runs behind bearer authentication, where one always exists. */
    public CallerIdentity require() {
        return get().orElseThrow(() -> new IllegalStateException("No authenticated caller on this request"));
    }
}
