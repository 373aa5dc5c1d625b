package org.ncmcp.broker.server;

import java.time.Clock;
import java.util.List;
import org.ncmcp.broker.audit.AuditLog;
import org.ncmcp.broker.client.metadata.CimdRegisteredClientRepository;
import org.ncmcp.broker.client.metadata.ClientMetadataResolver;
import org.ncmcp.broker.client.registration.ClientPolicy;
import org.ncmcp.broker.client.registration.RateLimiter;
import org.ncmcp.broker.client.registration.RegistrationProperties;
import org.ncmcp.broker.client.registration.RegistrationRateLimitFilter;
import org.ncmcp.broker.client.registration.RegistrationRecorder;
import org.ncmcp.broker.login.FederatedLoginSuccessHandler;
import org.ncmcp.broker.login.UpstreamClientRegistrations;
import org.ncmcp.broker.login.UpstreamProperties;
import org.ncmcp.broker.lease.LeaseClientProperties;
import org.ncmcp.broker.lease.LeaseClientRepository;
import org.ncmcp.broker.lease.LeaseEndpoint;
import org.ncmcp.broker.refresh.PublicClientRefreshAuthentication;
import org.ncmcp.broker.refresh.RefreshTokenRotation;
import org.ncmcp.broker.token.AccessTokenCustomizer;
import org.ncmcp.broker.token.HashingAuthorizationService;
import org.ncmcp.broker.token.RefreshTokenGenerator;
import org.ncmcp.broker.token.SigningKeys;
import org.ncmcp.model.scope.Scope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authorization server MCP clients talk to (Spring Authorization Server) and the federated sign-in
 * in front of it. Two filter chains: the OAuth endpoints, and everything a person's browser sees.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfiguration {

    static final String UPSTREAM_LOGIN = "/oauth2/authorization/" + UpstreamProperties.REGISTRATION_ID;

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients,
            OAuth2AuthorizationService authorizations, AuthorizationRequestRules rules,
            AuthorizationResponses responses, ClientPolicy policy, RegistrationRecorder recorder, RateLimiter limiter,
            RegistrationProperties registration, JdbcTemplate jdbc, TransactionTemplate transactions,
            AuditLog audit, BrokerProperties broker, ClientMetadataResolver documents, LeaseEndpoint leases)
            throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.authorizationEndpoint(endpoint -> endpoint
                    .consentPage("/oauth2/consent")
                    .authorizationResponseHandler(responses.success())
                    .errorResponseHandler(responses.failure())
                    .authenticationProviders(providers -> providers.forEach(provider -> {
                        if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider request) {
                            request.setAuthenticationValidator(rules);
                        }
                    })));
            server.clientAuthentication(authentication -> authentication
                    .authenticationConverters(converters -> converters.add(0, PublicClientRefreshAuthentication.converter()))
                    .authenticationProviders(providers -> providers.add(0, PublicClientRefreshAuthentication.provider(clients))));
            // one consumer per list: a second tokenEndpoint(...) call would replace these, not add to them
            server.tokenEndpoint(endpoint -> endpoint
                    .accessTokenRequestConverters(leases::addConverter)
                    .authenticationProviders(providers -> {
                        providers.replaceAll(provider -> provider instanceof OAuth2RefreshTokenAuthenticationProvider
                                ? new RefreshTokenRotation(provider, authorizations, jdbc, transactions, audit,
                                        broker.refreshGrace(), Clock.systemUTC())
                                : provider);
                        leases.addProvider(providers);
                    })
                    .accessTokenResponseHandler(leases.responseHandler()));
            server.clientRegistrationEndpoint(endpoint -> endpoint
                    .openRegistrationAllowed(true)
                    .clientRegistrationResponseHandler(recorder)
                    .authenticationProviders(providers -> providers.forEach(provider -> {
                        if (provider instanceof OAuth2ClientRegistrationAuthenticationProvider dcr) {
                            dcr.setRegisteredClientConverter(policy.registeredClientConverter());
                            dcr.setAuthenticationValidator(policy.registrationValidator());
                        }
                    })));
            server.authorizationServerMetadataEndpoint(endpoint -> endpoint.authorizationServerMetadataCustomizer(
                    metadata -> metadata.claims(claims -> advertise(claims, documents.enabled()))));
            server.oidc(oidc -> oidc.providerConfigurationEndpoint(endpoint -> endpoint.providerConfigurationCustomizer(
                    configuration -> configuration.claims(claims -> advertise(claims, documents.enabled()))
                            .claim("registration_endpoint", broker.issuerString() + "/oauth2/register"))));
        });
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/oauth2/register").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()))
                // a person at the authorization endpoint is sent to sign in; machines get a 401 they can read
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(UPSTREAM_LOGIN),
                                PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorize"))
                        .defaultAuthenticationEntryPointFor(AuthorizationServerConfiguration::clientAuthenticationRequired,
                                request -> true))
                .addFilterBefore(new RegistrationRateLimitFilter(limiter, registration), SecurityContextHolderFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain browserChain(HttpSecurity http, UpstreamClientRegistrations upstream,
            FederatedLoginSuccessHandler loginSuccess) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(upstream,
                "/oauth2/authorization");
        // PKCE towards the IdP too, although the broker is a confidential client (RFC 9700 §2.1.1)
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/login-error", "/error", "/actuator/health/**", "/actuator/health",
                                "/actuator/info", "/broker.css").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .clientRegistrationRepository(upstream)
                        .loginPage(UPSTREAM_LOGIN)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver))
                        .successHandler(loginSuccess)
                        .failureUrl("/login-error"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'")))
                .logout(logout -> logout.logoutSuccessUrl("/"));
        return http.build();
    }

    /**
     * What both discovery documents promise: the code flow with refresh only, public clients, our scope
     * catalogue, {@code iss} in authorization responses (RFC 9207) and metadata-document client ids.
     */
    @SuppressWarnings("unchecked")
    private static void advertise(java.util.Map<String, Object> claims, boolean metadataDocuments) {
        claims.put("grant_types_supported", new java.util.ArrayList<>(List.of("authorization_code", "refresh_token")));
        claims.put("token_endpoint_auth_methods_supported",
                new java.util.ArrayList<>(List.of("none", "client_secret_basic", "client_secret_post")));
        java.util.List<String> scopes = new java.util.ArrayList<>(
                (java.util.List<String>) claims.getOrDefault("scopes_supported", List.of()));
        Scope.validValues().stream().filter(scope -> !scopes.contains(scope)).forEach(scopes::add);
        claims.put("scopes_supported", scopes);
        claims.put("authorization_response_iss_parameter_supported", true);
        claims.put("client_id_metadata_document_supported", metadataDocuments);
    }

    private static void clientAuthenticationRequired(jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.core.AuthenticationException exception) throws java.io.IOException {
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Basic realm=\"auth-broker\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication is"
                + " required: send client_id (public clients) or the client's credentials.\"}");
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(BrokerProperties broker) {
        return AuthorizationServerSettings.builder().issuer(broker.issuerString()).build();
    }

    /**
     * Registered clients (dynamic registrations, in PostgreSQL) and clients whose id is the https URL of
     * their Client ID Metadata Document (fetched, validated and cached; nothing stored).
     */
    @Bean
    LeaseClientRepository registeredClientRepository(JdbcTemplate jdbc, ClientMetadataResolver documents,
            ClientPolicy policy, LeaseClientProperties leaseClient) {
        return new LeaseClientRepository(new CimdRegisteredClientRepository(
                policy.currentSettingsOn(new JdbcRegisteredClientRepository(jdbc)), documents, ClientPolicy.clientScopes(),
                client -> client.tokenSettings(policy.tokenSettings())), leaseClient);
    }

    /**
     * Client secrets: bcrypt by default; {@code {sha256}} for the configured lease client, whose long random secret
     * gains nothing from a slow hash and is checked on every lease (constant-time comparison either way).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return LeaseClientRepository.passwordEncoder();
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients,
            TransactionTemplate transactions) {
        return new HashingAuthorizationService(new JdbcOAuth2AuthorizationService(jdbc, clients), transactions);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(SigningKeys keys, AccessTokenCustomizer customizer) {
        JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(keys));
        jwt.setJwtCustomizer(customizer);
        return new DelegatingOAuth2TokenGenerator(jwt, new RefreshTokenGenerator());
    }

    /** Validates the broker's own tokens where the broker is the resource (OIDC userinfo). */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys) {
        return NimbusJwtDecoder.withJwkSource(keys)
                .jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(keys.verificationKeySelector()))
                .build();
    }
}
