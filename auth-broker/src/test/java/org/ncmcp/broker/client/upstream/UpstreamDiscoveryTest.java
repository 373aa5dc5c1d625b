package org.ncmcp.broker.client.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.broker.client.metadata.LoopbackServer;
import org.ncmcp.broker.client.metadata.MutableClock;

class UpstreamDiscoveryTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
    private FakeIdentityProvider idp;

    @BeforeEach
    void start() throws Exception {
        idp = new FakeIdentityProvider();
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    private UpstreamDiscovery discovery(String issuer) {
        return new UpstreamDiscovery(URI.create(issuer), Duration.ofMinutes(10), Duration.ofSeconds(5),
                HttpClient.newHttpClient(), clock);
    }

    @Test
    void readsTheEndpointsOfTheConfiguredIssuer() {
        UpstreamProviderMetadata metadata = discovery(idp.issuer()).metadata();

        assertThat(metadata.issuer()).isEqualTo(idp.issuer());
        assertThat(metadata.registrationEndpoint()).hasToString("http://127.0.0.1:" + URI.create(idp.issuer()).getPort()
                + FakeIdentityProvider.REGISTER);
        assertThat(metadata.tokenEndpoint()).hasToString(idp.issuer() + "/protocol/openid-connect/token");
        assertThat(metadata.authorizationEndpoint()).hasToString(idp.issuer() + "/protocol/openid-connect/auth");
        assertThat(metadata.jwksUri()).hasToString(idp.issuer() + "/protocol/openid-connect/certs");
        assertThat(metadata.fetchedAt()).isEqualTo(clock.instant());
    }

    @Test
    void theDocumentIsReusedWithinTheTtlAndFetchedAgainAfter() {
        UpstreamDiscovery discovery = discovery(idp.issuer());

        discovery.metadata();
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        discovery.metadata();
        assertThat(idp.discoveryHits()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        discovery.metadata();
        assertThat(idp.discoveryHits()).isEqualTo(2);

        discovery.invalidate();
        discovery.metadata();
        assertThat(idp.discoveryHits()).isEqualTo(3);
    }

    @Test
    void aDocumentStatingAnotherIssuerIsRefusedAndNotKept() {
        idp.stateIssuer("https://evil.example/realms/mcp");
        UpstreamDiscovery discovery = discovery(idp.issuer());

        assertThatThrownBy(discovery::metadata)
                .isInstanceOf(UpstreamDiscoveryException.class)
                .hasMessageContaining("states issuer 'https://evil.example/realms/mcp', not the configured '" + idp.issuer() + "'");
        assertThatThrownBy(discovery::metadata).isInstanceOf(UpstreamDiscoveryException.class);
        assertThat(idp.discoveryHits()).isEqualTo(2);
    }

    @Test
    void aTrailingSlashIsDroppedForTheWellKnownPathButTheIssuerMustStillMatchExactly() {
        assertThatThrownBy(() -> discovery(idp.issuer() + "/").metadata())
                .isInstanceOf(UpstreamDiscoveryException.class)
                .hasMessageContaining("not the configured '" + idp.issuer() + "/'");
        assertThat(idp.discoveryHits()).as("fetched from {issuer}/.well-known/…, not {issuer}//.well-known/…").isEqualTo(1);
    }

    @Test
    void theWebServersRedirectToIndexPhpIsFollowedLikeAtNextcloudsOidcApp() throws Exception {
        // contracts/nextcloud/oidc/well-known-at-issuer-is-a-redirect.json: nginx answers 301 to /index.php/…
        try (LoopbackServer nextcloud = LoopbackServer.http()) {
            String issuer = "http://127.0.0.1:" + nextcloud.port();
            nextcloud.route("/.well-known/openid-configuration", ex -> LoopbackServer.respond(ex, 301, null, "",
                    "Location", "/index.php/.well-known/openid-configuration"));
            nextcloud.route("/index.php/.well-known/openid-configuration", ex -> LoopbackServer.respond(ex, 200,
                    "application/json", """
                            {"issuer": "%1$s", "authorization_endpoint": "%1$s/index.php/apps/oidc/authorize",
                             "token_endpoint": "%1$s/index.php/apps/oidc/token",
                             "registration_endpoint": "%1$s/index.php/apps/oidc/register"}""".formatted(issuer)));
            UpstreamDiscovery discovery = new UpstreamDiscovery(
                    new DcrProxyProperties(true, null, null, List.of(), null, 5, Duration.ofMillis(200), Duration.ofSeconds(10),
                            Duration.ofMinutes(10), Duration.ofSeconds(5)), URI.create(issuer));

            assertThat(discovery.metadata().registrationEndpoint()).hasToString(issuer + "/index.php/apps/oidc/register");
        }
    }

    @Test
    void aMissingDocumentIsAClearError() {
        assertThatThrownBy(() -> discovery(idp.issuer() + "/nowhere").metadata())
                .isInstanceOf(UpstreamDiscoveryException.class)
                .hasMessageContaining("/realms/mcp/nowhere/.well-known/openid-configuration answered HTTP 404");
    }

    @Test
    void theConfiguredIssuerWinsOverTheLoginIssuer() {
        DcrProxyProperties unset = DcrProxyProperties.defaults();
        assertThat(new UpstreamDiscovery(unset, URI.create("https://login.example/realms/a")).issuer())
                .isEqualTo("https://login.example/realms/a");

        DcrProxyProperties set = new DcrProxyProperties(true, URI.create("https://dcr.example/realms/b"), null, List.of(), null,
                5, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofSeconds(10));
        assertThat(new UpstreamDiscovery(set, URI.create("https://login.example/realms/a")).issuer())
                .isEqualTo("https://dcr.example/realms/b");
    }
}
