package org.ncmcp.resource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The stateless MCP server: streamable HTTP at {@code /mcp}, one Nextcloud call per tool call. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class McpResourceApplication {

    public static void main(String[] args) {
        SpringApplication.run(McpResourceApplication.class, args);
    }
}
