package org.ncmcp.resource.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No Spring Security observations. With a Micrometer registry present Spring would open an observation around every
 * filter of every MCP request, and around each bearer-token authentication and authorization: a tenth of a cached
 * tool call's CPU in the lease benchmark (docs/performance.md). Every request stays timed and counted by status in
 * {@code http.server.requests}, which is where a 401 or 403 shows.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservationConfiguration {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
