package org.ncmcp.broker.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No Spring Security observations: with a Micrometer registry present, Spring would otherwise open an observation
 * around every filter of every request and around each authentication and authorization, together about a fifth of
 * a credential lease's CPU (docs/performance.md). Requests stay timed and counted by outcome and status in
 * {@code http.server.requests}, and what matters for security (sign-ins, refusals, leases refused) is in the
 * audit log.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservationConfiguration {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
