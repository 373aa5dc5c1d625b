package org.ncmcp.resource.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ResourceServerPropertiesTest {

    private static ResourceServerProperties fromEnvironment(Map<String, Object> variables) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("mcp.auth", ResourceServerProperties.class);
    }

    @Test
    @DisplayName("environment variables bind, with or without underscores inside a dashed name")
    void bindsFromEnvironmentVariables() {
        ResourceServerProperties properties = fromEnvironment(Map.of("MCP_AUTH_ISSUER", "http://127.0.0.1:9000",
                "MCP_AUTH_RESOURCEURI", "http://127.0.0.1:8080/mcp"));
        assertThat(properties.multiUser()).isTrue();
        assertThat(properties.resourceUri()).isEqualTo("http://127.0.0.1:8080/mcp");

        ResourceServerProperties underscored = fromEnvironment(Map.of("MCP_AUTH_ISSUER", "http://127.0.0.1:9000",
                "MCP_AUTH_RESOURCE_URI", "http://127.0.0.1:8080/mcp", "MCP_AUTH_CLOCK_SKEW", "10s"));
        assertThat(underscored.resourceUri()).isEqualTo("http://127.0.0.1:8080/mcp");
        assertThat(underscored.clockSkew()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("defaults: JWKS under the issuer, RS256 and ES256, 60 s skew, notes:read baseline")
    void defaults() {
        ResourceServerProperties properties = fromEnvironment(Map.of("MCP_AUTH_ISSUER", "http://127.0.0.1:9000/",
                "MCP_AUTH_RESOURCEURI", "HTTP://LOCALHOST:8080/mcp/"));
        assertThat(properties.jwkSetUri()).isEqualTo("http://127.0.0.1:9000/oauth2/jwks");
        assertThat(properties.algorithms()).contains(JWSAlgorithm.RS256, JWSAlgorithm.ES256)
                .doesNotContain(JWSAlgorithm.HS256);
        assertThat(properties.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.baseline()).isEqualTo(ScopeSet.parse("notes:read"));
        assertThat(properties.resourceUri()).as("stored canonically").isEqualTo("http://localhost:8080/mcp");
        assertThat(properties.resourceMetadataUrl())
                .isEqualTo("http://localhost:8080/.well-known/oauth-protected-resource/mcp");
    }

    @Test
    @DisplayName("without an issuer nothing is required: single-user mode")
    void singleUserModeNeedsNothing() {
        ResourceServerProperties properties = fromEnvironment(Map.of());
        assertThat(properties.multiUser()).isFalse();
    }
}
