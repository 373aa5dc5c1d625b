package org.ncmcp.broker.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.stereotype.Component;

/**
 * Where Spring's sign-in puts the tokens the upstream IdP issued: in the current request only, so that
 * {@link FederatedLoginSuccessHandler} can keep the refresh token (sealed, for {@code token-exchange}) and nothing
 * holds tokens afterwards — not the HTTP session (stored in PostgreSQL unencrypted) and not a per-replica memory map.
 */
@Component
public class SignInGrantRepository implements OAuth2AuthorizedClientRepository {

    private static final String ATTRIBUTE = SignInGrantRepository.class.getName() + ".client";

    @Override
    @SuppressWarnings("unchecked")
    public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
            Authentication principal, HttpServletRequest request) {
        Object client = request.getAttribute(ATTRIBUTE);
        return client instanceof OAuth2AuthorizedClient authorized
                && authorized.getClientRegistration().getRegistrationId().equals(clientRegistrationId) ? (T) authorized
                        : null;
    }

    @Override
    public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
            HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(ATTRIBUTE, authorizedClient);
    }

    @Override
    public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
            HttpServletRequest request, HttpServletResponse response) {
        request.removeAttribute(ATTRIBUTE);
    }
}
