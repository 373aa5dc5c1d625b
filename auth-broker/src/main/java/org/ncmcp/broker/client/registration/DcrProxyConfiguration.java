package org.ncmcp.broker.client.registration;

import org.ncmcp.broker.client.upstream.DcrProxyProperties;
import org.ncmcp.broker.client.upstream.UpstreamDiscovery;
import org.ncmcp.broker.client.upstream.UpstreamRegistrationMirror;
import org.ncmcp.broker.login.UpstreamProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * DCR proxy mode ({@code broker.dcr-proxy.enabled=true}): every dynamic registration is mirrored to the
 * upstream IdP's registration endpoint, for IdPs whose policies want to know each client. The client
 * still only ever receives broker-issued tokens.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("broker.dcr-proxy.enabled")
class DcrProxyConfiguration {

    @Bean
    UpstreamDiscovery upstreamDiscovery(DcrProxyProperties properties, UpstreamProperties upstream) {
        return new UpstreamDiscovery(properties, upstream.issuerUri());
    }

    @Bean
    UpstreamRegistrationMirror upstreamRegistrationMirror(DcrProxyProperties properties, UpstreamDiscovery discovery) {
        return new UpstreamRegistrationMirror(properties, discovery);
    }
}
