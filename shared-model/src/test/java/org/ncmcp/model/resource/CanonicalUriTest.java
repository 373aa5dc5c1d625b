package org.ncmcp.model.resource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CanonicalUriTest {

    @Test
    @DisplayName("RS-12 scheme and host case, default ports and trailing slashes do not matter")
    void equivalentSpellingsAreEqual() {
        assertThat(CanonicalUri.of("HTTPS://MCP.Example.COM/mcp/")).contains("https://mcp.example.com/mcp");
        assertThat(CanonicalUri.of("https://mcp.example.com:443/mcp")).contains("https://mcp.example.com/mcp");
        assertThat(CanonicalUri.of("http://127.0.0.1:80/")).contains("http://127.0.0.1");
        assertThat(CanonicalUri.of("http://[::1]:8080/mcp")).contains("http://[::1]:8080/mcp");
    }

    @Test
    @DisplayName("RS-12 the path stays case-sensitive and other ports stay")
    void pathAndPortMatter() {
        assertThat(CanonicalUri.of("https://mcp.example.com/MCP")).contains("https://mcp.example.com/MCP");
        assertThat(CanonicalUri.of("https://mcp.example.com:8443/mcp")).contains("https://mcp.example.com:8443/mcp");
    }

    @Test
    void notAResourceUri() {
        assertThat(CanonicalUri.of(null)).isEmpty();
        assertThat(CanonicalUri.of("mcp")).isEmpty();
        assertThat(CanonicalUri.of("urn:example:mcp")).isEmpty();
        assertThat(CanonicalUri.of("https://user@mcp.example.com/mcp")).isEmpty();
        assertThat(CanonicalUri.of("https://mcp.example.com/mcp#frag")).isEmpty();
        assertThat(CanonicalUri.of("https://exa mple.com/")).isEmpty();
    }
}
