package org.ncmcp.resource.credentials.lease;

import org.ncmcp.resource.security.ConditionalOnMultiUserMode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Multi-user mode: Spring Boot binds every {@link io.micrometer.core.instrument.binder.MeterBinder} bean. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMultiUserMode
public class LeaseMetricsConfiguration {

    @Bean
    LeaseCacheMetrics leaseCacheMetrics(LeaseCache cache) {
        return new LeaseCacheMetrics(cache);
    }
}
