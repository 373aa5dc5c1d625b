package org.ncmcp.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.broker.api.BrokerApiProperties;

/** The broker's own API as an RFC 8707 resource next to the MCP resources, never one of them. */
class ApiResourceIndicatorTest {

    private static BrokerProperties broker(String issuer, String... resources) {
        return new BrokerProperties(URI.create(issuer), List.of(resources).stream().map(URI::create).toList(),
                Duration.ofMinutes(5), Duration.ofDays(30), Duration.ofSeconds(60), Duration.ofMinutes(2));
    }

    @Test
    @DisplayName("defaults to <issuer>/api, known after the MCP resources, which stay the default")
    void defaultApiResource() {
        ResourceIndicators indicators = new ResourceIndicators(broker("https://broker.example.test/",
                "https://mcp.example.test/mcp"), new BrokerApiProperties(null, 20, 100));
        assertThat(indicators.apiResource()).isEqualTo("https://broker.example.test/api");
        assertThat(indicators.targets()).containsExactly("https://mcp.example.test/mcp", "https://broker.example.test/api");
        assertThat(indicators.defaultResource()).isEqualTo("https://mcp.example.test/mcp");
        assertThat(indicators.resolveTarget("HTTPS://BROKER.example.test:443/api/"))
                .contains("https://broker.example.test/api");
    }

    @Test
    @DisplayName("the MCP resources alone stay what known()/resolve() answer, so an API token is never taken for an MCP one")
    void mcpResourcesStayApart() {
        ResourceIndicators indicators = new ResourceIndicators(broker("https://broker.example.test",
                "https://mcp.example.test/mcp"), new BrokerApiProperties(null, 20, 100));
        assertThat(indicators.known()).containsExactly("https://mcp.example.test/mcp");
        assertThat(indicators.resolve("https://broker.example.test/api")).isEmpty();
        assertThat(indicators.resolve("https://mcp.example.test/mcp/")).contains("https://mcp.example.test/mcp");
    }

    @Test
    @DisplayName("an API resource equal to an MCP resource stops start-up, naming the setting")
    void mustDifferFromMcpResources() {
        assertThatThrownBy(() -> new ResourceIndicators(broker("https://broker.example.test",
                "https://mcp.example.test/mcp"), new BrokerApiProperties(URI.create("https://MCP.example.test/mcp/"), 20, 100)))
                .hasMessageContaining("broker.api.resource").hasMessageContaining("must differ");
    }

    @Test
    @DisplayName("page-size settings outside their limits stop start-up, naming the setting")
    void pageSizeLimits() {
        assertThatThrownBy(() -> new BrokerApiProperties(null, 200, 100)).hasMessageContaining("broker.api.default-page-size");
        assertThatThrownBy(() -> new BrokerApiProperties(null, 20, 0)).hasMessageContaining("broker.api.max-page-size");
    }
}
