package org.ncmcp.broker.lease;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The internal API for mcp-resource: machine-to-machine, no session, no CSRF (no cookies are involved); the
 * endpoints authenticate the lease client and the subject token themselves.
 */
@Configuration(proxyBeanMethods = false)
class InternalApiSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain internalApiChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/internal/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }
}
