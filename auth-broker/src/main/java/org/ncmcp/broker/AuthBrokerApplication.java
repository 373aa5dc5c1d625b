package org.ncmcp.broker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The OAuth authorization server that MCP clients register with and log in through. In this first
 * release it is a bare application; the authorization server, vault and provisioning arrive with the
 * authorization issue.
 */
@SpringBootApplication
public class AuthBrokerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthBrokerApplication.class, args);
    }
}
