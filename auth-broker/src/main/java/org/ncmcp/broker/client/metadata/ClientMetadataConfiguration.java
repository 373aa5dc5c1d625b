package org.ncmcp.broker.client.metadata;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CIMD fetcher and resolver as beans. No network access happens at start-up, and nothing here touches
 * the security chain: the server's configuration wraps its repository in a
 * {@link CimdRegisteredClientRepository} with the {@link ClientMetadataResolver} bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CimdProperties.class)
public class ClientMetadataConfiguration {

    @Bean
    ClientMetadataDocumentFetcher clientMetadataDocumentFetcher(CimdProperties properties) {
        return new ClientMetadataDocumentFetcher(properties);
    }

    @Bean
    ClientMetadataResolver clientMetadataResolver(CimdProperties properties, ClientMetadataDocumentFetcher fetcher) {
        return new ClientMetadataResolver(properties, fetcher, Clock.systemUTC());
    }
}
