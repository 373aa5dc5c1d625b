package org.ncmcp.broker.login;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;

/**
 * The upstream IdP as Spring's OAuth2 client sees it, built from the IdP's discovery document on first
 * use instead of at start-up: the broker starts (and serves metadata, JWKS and health) while the IdP
 * is still booting, and retries discovery on the next sign-in if the IdP was unreachable.
 */
@Component
public class UpstreamClientRegistrations implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(UpstreamClientRegistrations.class);

    private final UpstreamProperties properties;
    private volatile ClientRegistration registration;

    public UpstreamClientRegistrations(UpstreamProperties properties) {
        this.properties = properties;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!UpstreamProperties.REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration current = registration;
        if (current == null) {
            synchronized (this) {
                current = registration;
                if (current == null) {
                    current = discover();
                    registration = current;
                }
            }
        }
        return current;
    }

    private ClientRegistration discover() {
        String issuer = properties.issuerUri().toString();
        try {
            return ClientRegistrations.fromIssuerLocation(issuer)
                    .registrationId(UpstreamProperties.REGISTRATION_ID)
                    .clientId(properties.clientId())
                    .clientSecret(properties.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope(properties.scopes())
                    .userNameAttributeName("sub")
                    .clientName(properties.displayName())
                    .build();
        } catch (RuntimeException e) {
            log.warn("The upstream IdP {} could not be discovered: {}", issuer, e.getMessage());
            throw new UpstreamUnavailableException("The sign-in service (" + issuer + ") is not reachable right now."
                    + " Try again in a moment.", e);
        }
    }

    /** The IdP could not be reached or its discovery document was not usable. */
    public static class UpstreamUnavailableException extends RuntimeException {
        public UpstreamUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
