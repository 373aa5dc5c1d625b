package org.ncmcp.broker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The OAuth authorization server that MCP clients register with and log in through. Users sign in at
 * the upstream IdP; access tokens are bound to mcp-resource with RFC 8707 resource indicators.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AuthBrokerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthBrokerApplication.class, args);
    }
}
