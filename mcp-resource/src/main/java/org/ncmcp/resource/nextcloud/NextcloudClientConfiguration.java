package org.ncmcp.resource.nextcloud;

import java.time.Clock;
import org.ncmcp.resource.credentials.CredentialSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NextcloudClientConfiguration {

    @Bean
    NextcloudHttpClient nextcloudHttpClient(NextcloudProperties properties, CredentialSource credentials) {
        return new NextcloudHttpClient(properties, credentials, Sleeper.REAL, Clock.systemUTC());
    }
}
