package org.ncmcp.broker.lease;

import java.util.List;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * A lease request at the token endpoint, as the converter read it. {@link #toString()} never prints the subject token.
 */
final class LeaseRequest extends AbstractAuthenticationToken {

    private final Authentication client;
    private final String subjectToken;
    private final ScopeSet scopes;

    LeaseRequest(Authentication client, String subjectToken, ScopeSet scopes) {
        super(List.of());
        this.client = client;
        this.subjectToken = subjectToken;
        this.scopes = scopes;
    }

    String subjectToken() {
        return subjectToken;
    }

    ScopeSet scopes() {
        return scopes;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return client;
    }

    @Override
    public String toString() {
        return "LeaseRequest[client=" + (client == null ? null : client.getName()) + ", scopes=" + scopes + "]";
    }
}
