package org.ncmcp.broker.client.registration;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.ncmcp.broker.server.BrokerProperties;
import org.ncmcp.broker.server.RedirectUris;
import org.ncmcp.model.scope.Scope;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.converter.OAuth2ClientRegistrationRegisteredClientConverter;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * What every client of the broker gets, however it arrived (dynamic registration, metadata document or
 * configuration): PKCE required, consent required, our scope catalogue, short JWT access tokens and
 * rotating refresh tokens. Also the rules a dynamic registration must pass.
 */
@Component
public class ClientPolicy {

    private static final Set<String> ALLOWED_GRANTS = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
            AuthorizationGrantType.REFRESH_TOKEN.getValue());

    private final BrokerProperties broker;
    private final OAuth2ClientRegistrationRegisteredClientConverter defaults = new OAuth2ClientRegistrationRegisteredClientConverter();

    public ClientPolicy(BrokerProperties broker) {
        this.broker = broker;
    }

    /** Scopes any client may request: the catalogue plus OpenID's. */
    public static Set<String> clientScopes() {
        Set<String> scopes = new LinkedHashSet<>(Scope.validValues());
        scopes.add(OidcScopes.OPENID);
        scopes.add(OidcScopes.PROFILE);
        return scopes;
    }

    public ClientSettings clientSettings() {
        return ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build();
    }

    public TokenSettings tokenSettings() {
        return TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(broker.accessTokenTtl())
                .authorizationCodeTimeToLive(broker.authorizationCodeTtl())
                .refreshTokenTimeToLive(broker.refreshTokenTtl())
                .reuseRefreshTokens(false)
                .build();
    }

    /**
     * The stored clients with today's token lifetimes and client settings: a registration keeps what it
     * registered (redirects, name, grants), but lifetimes follow the configuration, on every replica alike.
     */
    public org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository currentSettingsOn(
            org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository stored) {
        return new org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository() {
            @Override
            public void save(RegisteredClient client) {
                stored.save(client);
            }

            @Override
            public RegisteredClient findById(String id) {
                return current(stored.findById(id));
            }

            @Override
            public RegisteredClient findByClientId(String clientId) {
                return current(stored.findByClientId(clientId));
            }

            private RegisteredClient current(RegisteredClient client) {
                return client == null ? null : RegisteredClient.from(client).tokenSettings(tokenSettings())
                        .clientSettings(ClientSettings.withSettings(client.getClientSettings().getSettings())
                                .requireProofKey(true).requireAuthorizationConsent(true).build())
                        .build();
            }
        };
    }

    /** Converts an accepted registration into a client under our policy. */
    public Converter<OAuth2ClientRegistration, RegisteredClient> registeredClientConverter() {
        return registration -> {
            RegisteredClient base = defaults.convert(registration);
            String name = registration.getClientName() == null || registration.getClientName().isBlank()
                    ? "Unnamed MCP client" : registration.getClientName();
            return RegisteredClient.from(base)
                    .clientName(name.length() > 200 ? name.substring(0, 200) : name)
                    .scopes(s -> {
                        s.clear();
                        s.addAll(clientScopes());
                    })
                    .authorizationGrantTypes(g -> g.removeIf(grant -> !ALLOWED_GRANTS.contains(grant.getValue())))
                    .clientSettings(clientSettings())
                    .tokenSettings(tokenSettings())
                    .build();
        };
    }

    /** Rules for a registration request; each violation names the field and the rule. */
    public Consumer<OAuth2ClientRegistrationAuthenticationContext> registrationValidator() {
        return context -> {
            OAuth2ClientRegistration registration = ((org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken) context.getAuthentication()).getClientRegistration();
            List<String> redirects = registration.getRedirectUris();
            if (redirects == null || redirects.isEmpty()) {
                throw invalid("invalid_redirect_uri", "redirect_uris is required");
            }
            if (redirects.size() > 10) {
                throw invalid("invalid_redirect_uri", "at most 10 redirect_uris may be registered");
            }
            for (String redirect : redirects) {
                String problem = RedirectUris.registrationProblem(redirect);
                if (problem != null) {
                    throw invalid("invalid_redirect_uri", problem);
                }
            }
            List<String> grants = registration.getGrantTypes();
            if (grants != null) {
                for (String grant : grants) {
                    if (!ALLOWED_GRANTS.contains(grant)) {
                        throw invalid("invalid_client_metadata", "grant_types may contain only authorization_code and"
                                + " refresh_token, not '" + grant + "'");
                    }
                }
            }
            List<String> responseTypes = registration.getResponseTypes();
            if (responseTypes != null && responseTypes.stream().anyMatch(t -> !"code".equals(t))) {
                throw invalid("invalid_client_metadata", "response_types may contain only 'code'");
            }
            String method = registration.getTokenEndpointAuthenticationMethod();
            if (method != null && !Set.of("none", "client_secret_basic", "client_secret_post").contains(method)) {
                throw invalid("invalid_client_metadata", "token_endpoint_auth_method must be none, client_secret_basic"
                        + " or client_secret_post");
            }
            Object applicationType = registration.getClaims().get("application_type");
            if (applicationType != null && !Set.of("native", "web").contains(applicationType.toString())) {
                throw invalid("invalid_client_metadata", "application_type must be 'native' or 'web'");
            }
            if (registration.getClientName() != null && registration.getClientName().length() > 200) {
                throw invalid("invalid_client_metadata", "client_name may be at most 200 characters");
            }
        };
    }

    private static OAuth2AuthenticationException invalid(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }
}
