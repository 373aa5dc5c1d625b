package org.ncmcp.resource.transport;

import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.ai.mcp.server.webmvc.transport.WebMvcStatelessServerTransport;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * DNS-rebinding protection for the MCP endpoint (MCP transport spec, "Security Warning"): a web page on
 * another origin must not reach a server on the user's loopback through a rebound DNS name. Spring AI's
 * default transport validates nothing, so we replace it with one that accepts only loopback {@code Host}
 * and {@code Origin} values plus those configured in {@link TransportSecurityProperties}. A wrong Host
 * answers 421, a wrong Origin 403; clients that send no Origin (desktop apps, CLIs) are unaffected.
 */
@Configuration(proxyBeanMethods = false)
public class TransportSecurityConfiguration {

    static final List<String> LOOPBACK_HOSTS = List.of("localhost:*", "127.0.0.1:*", "[::1]:*");
    static final List<String> LOOPBACK_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*",
            "https://localhost:*", "https://127.0.0.1:*", "https://[::1]:*");

    @Bean
    WebMvcStatelessServerTransport webMvcStatelessServerTransport(@Qualifier("mcpServerJsonMapper") JsonMapper jsonMapper,
            McpServerStreamableHttpProperties streamableHttp, TransportSecurityProperties security) {
        List<String> hosts = new ArrayList<>(LOOPBACK_HOSTS);
        hosts.addAll(security.allowedHosts());
        List<String> origins = new ArrayList<>(LOOPBACK_ORIGINS);
        origins.addAll(security.allowedOrigins());
        return WebMvcStatelessServerTransport.builder()
                .jsonMapper(new JacksonMcpJsonMapper(jsonMapper))
                .messageEndpoint(streamableHttp.getMcpEndpoint())
                .securityValidator(DefaultServerTransportSecurityValidator.builder()
                        .allowedHosts(hosts)
                        .allowedOrigins(origins)
                        .build())
                .build();
    }
}
