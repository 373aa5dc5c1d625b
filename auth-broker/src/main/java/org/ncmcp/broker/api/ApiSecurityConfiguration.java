package org.ncmcp.broker.api;

import org.ncmcp.broker.server.BrokerProperties;
import org.ncmcp.broker.server.ResourceIndicators;
import org.ncmcp.broker.token.SigningKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The REST API's own filter chain, in front of the authorization server's and the browser's: bearer tokens only
 * (no session, no cookies, so no CSRF to forge), each an RFC 9068 access token this broker signed for
 * {@code broker.api.resource}. Who may do what (own record, or admin) is decided per endpoint by {@link ApiCaller}.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    static final String OPENAPI_PATH = "/api/v1/openapi.json";
    static final String SWAGGER_UI_PATH = "/api/v1/docs";
    /** Where springdoc serves Swagger UI's files, beside {@link #SWAGGER_UI_PATH}. */
    static final String SWAGGER_UI_FILES = "/api/v1/swagger-ui/**";

    @Bean
    @Order(0)
    SecurityFilterChain apiChain(HttpSecurity http, ApiProblemResponses problems, ResourceIndicators resources,
            SigningKeys keys, BrokerProperties broker) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        // the contract and its viewer are public: they describe the API, they hold no data
                        .requestMatchers(HttpMethod.GET, OPENAPI_PATH, OPENAPI_PATH + "/**", SWAGGER_UI_PATH,
                                SWAGGER_UI_PATH + "/**", SWAGGER_UI_FILES).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resource -> resource
                        .jwt(jwt -> jwt.decoder(apiTokenDecoder(keys, broker, resources)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.cacheControl(cache -> { }));
        return http.build();
    }

    /**
     * The broker's own signing keys (the JWKS it publishes), checked as RFC 9068 requires: {@code typ: at+jwt},
     * our {@code iss}, {@code aud} = the API resource, {@code exp}/{@code iat}, {@code sub}, {@code client_id}.
     * Not a bean: the OIDC userinfo endpoint keeps its own decoder.
     */
    static JwtDecoder apiTokenDecoder(SigningKeys keys, BrokerProperties broker, ResourceIndicators resources) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(keys.verificationKeySelector()))
                .build();
        decoder.setJwtValidator(JwtValidators.createAtJwtValidator().issuer(broker.issuerString())
                .audience(resources.apiResource()).build());
        return decoder;
    }
}
