package org.ncmcp.broker.provisioning;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock provisioning and leases read; tests replace it to move time without waiting. */
@Configuration(proxyBeanMethods = false)
class ProvisioningConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
