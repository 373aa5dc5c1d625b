package org.ncmcp.broker.lease;

import jakarta.servlet.http.HttpServletRequest;
import org.ncmcp.model.lease.LeaseProtocol;
import org.ncmcp.model.scope.ScopeSet;
import org.ncmcp.model.scope.UnknownScopeException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Recognises a lease request at the token endpoint: the token-exchange grant asking for our Nextcloud-credential
 * token type. Any other token exchange is left to the next converter. Each parameter must appear once.
 */
final class LeaseRequestConverter implements AuthenticationConverter {

    @Override
    public LeaseRequest convert(HttpServletRequest request) {
        if (!LeaseProtocol.GRANT_TYPE.equals(request.getParameter(LeaseProtocol.PARAM_GRANT_TYPE))
                || !LeaseProtocol.REQUESTED_TOKEN_TYPE.equals(request.getParameter(LeaseProtocol.PARAM_REQUESTED_TOKEN_TYPE))) {
            return null;
        }
        String subjectToken = single(request, LeaseProtocol.PARAM_SUBJECT_TOKEN);
        String subjectTokenType = single(request, LeaseProtocol.PARAM_SUBJECT_TOKEN_TYPE);
        String scope = single(request, LeaseProtocol.PARAM_SCOPE);
        single(request, LeaseProtocol.PARAM_REQUESTED_TOKEN_TYPE);
        if (!LeaseProtocol.SUBJECT_TOKEN_TYPE.equals(subjectTokenType)) {
            throw invalid("subject_token_type must be " + LeaseProtocol.SUBJECT_TOKEN_TYPE);
        }
        ScopeSet scopes;
        try {
            scopes = ScopeSet.parse(scope);
        } catch (UnknownScopeException unknown) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE, unknown.getMessage(), null));
        }
        if (scopes.isEmpty()) {
            throw invalid("scope is required: the scope the tool needs, e.g. notes:read");
        }
        Authentication client = SecurityContextHolder.getContext().getAuthentication();
        return new LeaseRequest(client, subjectToken, scopes);
    }

    private static String single(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null || values.length != 1 || values[0].isBlank()) {
            throw invalid(name + " is required exactly once");
        }
        return values[0];
    }

    private static OAuth2AuthenticationException invalid(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null));
    }
}
