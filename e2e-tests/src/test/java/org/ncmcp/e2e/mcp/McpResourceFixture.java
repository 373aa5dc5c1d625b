package org.ncmcp.e2e.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.time.Duration;
import org.ncmcp.resource.McpResourceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** mcp-resource started in-process on a random port, in single-user mode against the given Nextcloud. */
public final class McpResourceFixture implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    public McpResourceFixture(String nextcloudUrl, String username, String appPassword) {
        this.context = new SpringApplicationBuilder(McpResourceApplication.class)
                // command-line arguments: they outrank application.yml (default properties would not)
                .run("--server.port=0", "--nextcloud.url=" + nextcloudUrl, "--nextcloud.username=" + username,
                        "--nextcloud.app-password=" + appPassword, "--spring.main.banner-mode=off");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** An initialized MCP client; generous timeout because the PHP DAV servers behind some suites are slow. */
    public McpSyncClient newClient() {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(baseUrl()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return client;
    }

    @Override
    public void close() {
        context.close();
    }
}
