package org.ncmcp.resource.credentials;

import java.util.Optional;
import org.ncmcp.model.scope.Scope;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The scope the current MCP request needs, as the scope filter decided it before dispatch. Multi-user credential
 * leases are asked for exactly this scope, so tool code never names one (tools run on the request thread).
 */
public final class RequiredScopeOfRequest {

    static final String ATTRIBUTE = RequiredScopeOfRequest.class.getName();

    private RequiredScopeOfRequest() {
    }

    public static void set(jakarta.servlet.ServletRequest request, Scope scope) {
        request.setAttribute(ATTRIBUTE, scope);
    }

    public static Optional<Scope> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object scope = attributes == null ? null : attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return scope instanceof Scope found ? Optional.of(found) : Optional.empty();
    }
}
