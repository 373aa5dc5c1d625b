package org.ncmcp.resource.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.McpResourceApplication;
import org.ncmcp.resource.credentials.CredentialSource;
import org.ncmcp.resource.credentials.lease.LeasedCredentialSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The mode is chosen by mcp.auth.issuer, and a wrong multi-user setting stops start-up naming the setting. */
class MultiUserStartupTest {

    private static final String ISSUER = "--mcp.auth.issuer=http://127.0.0.1:9";

    private static ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--nextcloud.url=http://127.0.0.1:9"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(McpResourceApplication.class).run(all.toArray(String[]::new));
    }

    @Test
    @DisplayName("multi-user mode needs no app password and takes its Nextcloud credentials from broker leases")
    void multiUserModeNeedsNoAppPassword() {
        try (ConfigurableApplicationContext context = start(ISSUER, "--mcp.auth.resource-uri=http://127.0.0.1:8080/mcp")) {
            assertThat(context.getBean(CredentialSource.class)).isInstanceOf(LeasedCredentialSource.class);
            assertThat(context.getBean(ResourceServerProperties.class).jwkSetUri())
                    .isEqualTo("http://127.0.0.1:9/oauth2/jwks");
        }
    }

    @Test
    @DisplayName("a blank issuer keeps single-user mode and its own checks")
    void blankIssuerIsSingleUserMode() {
        assertThatThrownBy(() -> start("--mcp.auth.issuer=", "--nextcloud.username=u").close())
                .hasStackTraceContaining("NEXTCLOUD_USERNAME and NEXTCLOUD_APP_PASSWORD");
    }

    @Test
    @DisplayName("multi-user mode without mcp.auth.resource-uri does not start")
    void resourceUriIsRequired() {
        assertThatThrownBy(() -> start(ISSUER).close())
                .hasStackTraceContaining("mcp.auth.resource-uri (MCP_AUTH_RESOURCEURI) is required");
    }

    @Test
    @DisplayName("RS-12 a resource URI with a fragment or query is refused")
    void resourceUriMustBeAPlainUri() {
        assertThatThrownBy(() -> start(ISSUER, "--mcp.auth.resource-uri=http://127.0.0.1:8080/mcp#x").close())
                .hasStackTraceContaining("mcp.auth.resource-uri");
        assertThatThrownBy(() -> start(ISSUER, "--mcp.auth.resource-uri=ftp://127.0.0.1/mcp").close())
                .hasStackTraceContaining("must be an absolute http(s) URI");
    }

    @Test
    @DisplayName("symmetric or unsigned algorithms are never allowed")
    void symmetricAlgorithmsAreRefused() {
        assertThatThrownBy(() -> start(ISSUER, "--mcp.auth.resource-uri=http://127.0.0.1:8080/mcp",
                "--mcp.auth.allowed-algorithms=RS256,HS256").close())
                .hasStackTraceContaining("HS256 is symmetric");
        assertThatThrownBy(() -> start(ISSUER, "--mcp.auth.resource-uri=http://127.0.0.1:8080/mcp",
                "--mcp.auth.allowed-algorithms=none").close())
                .hasStackTraceContaining("unknown or unsigned algorithm 'none'");
    }

    @Test
    @DisplayName("the clock skew is capped at 60 s")
    void clockSkewIsCapped() {
        assertThatThrownBy(() -> start(ISSUER, "--mcp.auth.resource-uri=http://127.0.0.1:8080/mcp",
                "--mcp.auth.clock-skew=61s").close())
                .hasStackTraceContaining("mcp.auth.clock-skew (MCP_AUTH_CLOCKSKEW) must be between 0s and 60s");
    }

    @Test
    @DisplayName("RS-04 baseline scopes must be catalogue scopes (offline_access is not one)")
    void baselineScopesMustBeKnown() {
        assertThatThrownBy(() -> start(ISSUER, "--mcp.auth.resource-uri=http://127.0.0.1:8080/mcp",
                "--mcp.auth.baseline-scopes=notes:read,offline_access").close())
                .hasStackTraceContaining("unknown scope 'offline_access'");
    }

    @Test
    @DisplayName("an issuer that is not an http(s) URL is refused")
    void issuerMustBeAUrl() {
        assertThatThrownBy(() -> start("--mcp.auth.issuer=broker", "--mcp.auth.resource-uri=http://127.0.0.1:8080/mcp")
                .close())
                .hasStackTraceContaining("mcp.auth.issuer (MCP_AUTH_ISSUER) must be the auth-broker's issuer URL");
    }
}
