package org.ncmcp.resource.security;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.ncmcp.resource.credentials.CredentialSource;
import org.ncmcp.resource.security.caller.CurrentCaller;
import org.ncmcp.resource.security.caller.UrlElicitationClients;
import org.ncmcp.resource.security.scope.EffectiveScopes;
import org.ncmcp.resource.security.scope.ToolScopeFilter;
import org.ncmcp.resource.security.token.AccessTokenDecoder;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import java.time.Clock;
import org.ncmcp.resource.credentials.lease.BrokerLeaseClient;
import org.ncmcp.resource.credentials.lease.GrantedScopes;
import org.ncmcp.resource.credentials.lease.LeaseCache;
import org.ncmcp.resource.credentials.lease.LeaseClientProperties;
import org.ncmcp.resource.credentials.lease.LeasedCredentialSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Multi-user mode (ARCHITECTURE.md §2.2): {@code /mcp} is an OAuth protected resource of the auth-broker.
 * Every request needs a valid broker access token in the {@code Authorization} header; the RFC 9728
 * metadata and health probes are public; per-tool scopes are checked before the MCP server dispatches.
 * Single-user mode has no security filter at all (Spring Boot's security auto-configuration is not used).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMultiUserMode
@EnableWebSecurity
public class MultiUserSecurityConfiguration {

    static final String METADATA_PATH = "/.well-known/oauth-protected-resource";
    /** Where Spring Boot would register the chain: before the other servlet filters that need the caller. */
    static final int SECURITY_FILTER_ORDER = -100;

    @Bean
    BearerChallenge bearerChallenge(ResourceServerProperties properties, JsonMapper json) {
        return new BearerChallenge(properties.resourceMetadataUrl(), properties.baseline(), json);
    }

    @Bean
    JwtDecoder accessTokenDecoder(ResourceServerProperties properties) {
        return AccessTokenDecoder.forBroker(properties);
    }

    @Bean
    BrokerLeaseClient brokerLeaseClient(LeaseClientProperties lease, ResourceServerProperties properties, JsonMapper json) {
        return new BrokerLeaseClient(lease, properties.issuer(), json, Clock.systemUTC());
    }

    @Bean
    LeaseCache leaseCache(LeaseClientProperties lease) {
        return new LeaseCache(lease.renewBefore(), Clock.systemUTC());
    }

    /** Token scopes ∩ the person's grant at the broker. */
    @Bean
    EffectiveScopes effectiveScopes(BrokerLeaseClient broker, LeaseCache cache, LeaseClientProperties lease) {
        return new GrantedScopes(broker, cache, lease);
    }

    /** Every Nextcloud call uses a lease from the broker for the caller and the scope the call needs. */
    @Bean
    CredentialSource leasedCredentialSource(CurrentCaller callers, BrokerLeaseClient broker, LeaseCache cache) {
        return new LeasedCredentialSource(callers, broker, cache);
    }

    @Bean
    SecurityFilterChain mcpResourceSecurity(HttpSecurity http, ResourceServerProperties properties, JwtDecoder decoder,
            BearerChallenge challenge, CurrentCaller callers, EffectiveScopes effectiveScopes, JsonMapper json,
            McpServerStreamableHttpProperties streamableHttp, UrlElicitationClients urlElicitation) throws Exception {
        BearerTokenRejection rejection = new BearerTokenRejection(challenge, json);
        // Header only (RS-11): tokens in ?access_token= (refused earlier by QueryTokenFilter) or a form body
        // are never read. (These are DefaultBearerTokenResolver's defaults; stated here on purpose.)
        DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
        headerOnly.setAllowUriQueryParameter(false);
        headerOnly.setAllowFormEncodedBodyParameter(false);
        http
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, METADATA_PATH, METADATA_PATH + "/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(rejection))
                .oauth2ResourceServer(resourceServer -> {
                    resourceServer
                            .bearerTokenResolver(headerOnly)
                            .authenticationEntryPoint(rejection)
                            .jwt(jwt -> jwt.decoder(decoder))
                            .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
                                    document -> document
                                            .resource(properties.resourceUri())
                                            .authorizationServers(servers -> {
                                                servers.clear();
                                                servers.add(properties.issuer());
                                            })
                                            // RS-04: only the baseline; more scopes come by step-up.
                                            .scopes(scopes -> {
                                                scopes.clear();
                                                properties.baseline().forEach(scope -> scopes.add(scope.value()));
                                            })
                                            .bearerMethods(methods -> {
                                                methods.clear();
                                                methods.add("header");
                                            })
                                            .resourceName(properties.resourceName())
                                            // Spring claims mTLS-bound tokens by default; the broker issues none.
                                            .tlsClientCertificateBoundAccessTokens(false)));
                    resourceServer.addObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                        @Override
                        public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                            // Spring's default handler rethrows "cannot fetch keys" as a 500.
                            filter.setAuthenticationFailureHandler(rejection);
                            return filter;
                        }
                    });
                })
                .addFilterAfter(new ToolScopeFilter(streamableHttp.getMcpEndpoint(), callers, effectiveScopes, challenge,
                        json, urlElicitation), AuthorizationFilter.class);
        return http.build();
    }

    /** Runs just before the security chain, so a URL carrying a token is refused before anything logs it. */
    @Bean
    FilterRegistrationBean<QueryTokenFilter> queryTokenFilterRegistration(BearerChallenge challenge) {
        FilterRegistrationBean<QueryTokenFilter> registration = new FilterRegistrationBean<>(
                new QueryTokenFilter(challenge));
        registration.setOrder(SECURITY_FILTER_ORDER - 1);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
        return registration;
    }

    /** Registers the chain with the servlet container, as Spring Boot's security auto-configuration would. */
    @Bean
    DelegatingFilterProxyRegistrationBean securityFilterChainRegistration() {
        DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean(
                AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME);
        registration.setOrder(SECURITY_FILTER_ORDER);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        return registration;
    }
}
