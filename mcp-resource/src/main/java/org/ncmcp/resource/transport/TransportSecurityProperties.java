package org.ncmcp.resource.transport;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which {@code Host} and {@code Origin} headers the MCP endpoint accepts, besides loopback. Patterns are
 * exact values or end in {@code :*} for any port (e.g. {@code mcp.example.com:*},
 * {@code https://mcp.example.com:*}).
 *
 * @param allowedHosts extra {@code Host} values, e.g. the public name behind a reverse proxy
 * @param allowedOrigins extra browser origins allowed to call the endpoint
 */
@ConfigurationProperties("mcp.transport")
public record TransportSecurityProperties(@DefaultValue List<String> allowedHosts,
        @DefaultValue List<String> allowedOrigins) {
}
