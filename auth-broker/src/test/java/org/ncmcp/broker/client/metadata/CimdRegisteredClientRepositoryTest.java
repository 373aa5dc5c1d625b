package org.ncmcp.broker.client.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ncmcp.broker.client.metadata.Documents.JSON;
import static org.ncmcp.broker.client.metadata.LoopbackServer.respond;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.util.unit.DataSize;

class CimdRegisteredClientRepositoryTest {

    private static final Set<String> SUPPORTED = Set.of("notes:read", "notes:write", "calendar:read");

    private LoopbackServer server;
    private String clientId;
    private final RegisteredClient stored = RegisteredClient.withId("stored-1")
            .clientId("3f2a9c1e-registered")
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("http://127.0.0.1/cb")
            .build();
    private CimdRegisteredClientRepository repository;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.http();
        clientId = server.url("/client.json");
        server.route("/client.json", ex -> respond(ex, 200, JSON, Documents.valid(clientId)));
        repository = repository(Documents.loopbackAllowed());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CimdRegisteredClientRepository repository(CimdProperties properties) throws Exception {
        var fetcher = new ClientMetadataDocumentFetcher(properties, HostResolver.SYSTEM, SSLContext.getDefault(), Clock.systemUTC());
        var resolver = new ClientMetadataResolver(properties, fetcher, Clock.systemUTC());
        return new CimdRegisteredClientRepository(new InMemoryRegisteredClientRepository(stored), resolver, SUPPORTED,
                builder -> builder.tokenSettings(TokenSettings.builder().reuseRefreshTokens(false).build()));
    }

    @Test
    void aUrlClientIdBecomesAPublicPkceClientThatAlwaysAsksForConsent() {
        RegisteredClient client = repository.findByClientId(clientId);

        assertThat(client.getId()).isEqualTo("cimd:" + clientId);
        assertThat(client.getClientId()).isEqualTo(clientId);
        assertThat(client.getClientName()).isEqualTo("Example MCP Client");
        assertThat(client.getClientSecret()).isNull();
        assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
        assertThat(client.getAuthorizationGrantTypes())
                .containsExactlyInAnyOrder(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN);
        assertThat(client.getRedirectUris()).containsExactlyInAnyOrder("https://app.example.com/callback", "http://127.0.0.1/callback");
        assertThat(client.getScopes()).containsExactlyInAnyOrder("notes:read", "notes:write");
        assertThat(client.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(client.getClientSettings().isRequireAuthorizationConsent()).isTrue();
        assertThat(CimdClientSettings.isCimd(client)).isTrue();
        assertThat(CimdClientSettings.clientIdHost(client)).isEqualTo("127.0.0.1");
        assertThat(CimdClientSettings.redirectHosts(client)).containsExactly("app.example.com", "127.0.0.1");
        assertThat(client.getClientSettings().<String>getSetting(CimdClientSettings.LOGO_URI)).isEqualTo("https://app.example.com/logo.png");
        assertThat(client.getTokenSettings().isReuseRefreshTokens()).as("customizer applied").isFalse();
    }

    @Test
    void findByIdMapsTheIdBackToTheDocument() {
        RegisteredClient byClientId = repository.findByClientId(clientId);

        RegisteredClient byId = repository.findById(byClientId.getId());

        assertThat(byId).isEqualTo(byClientId);
        assertThat(server.hits("/client.json")).as("served from the cache").isEqualTo(1);
    }

    @Test
    void findByIdWorksWithoutAPriorLookup() throws Exception {
        CimdRegisteredClientRepository freshReplica = repository(Documents.loopbackAllowed());

        assertThat(freshReplica.findById("cimd:" + clientId).getClientId()).isEqualTo(clientId);
    }

    @Test
    void otherIdsGoToTheDecoratedRepository() {
        assertThat(repository.findByClientId("3f2a9c1e-registered")).isEqualTo(stored);
        assertThat(repository.findById("stored-1")).isEqualTo(stored);
        assertThat(repository.findByClientId("unknown")).isNull();
        assertThat(CimdClientSettings.isCimd(stored)).isFalse();
        assertThat(repository.warnings("3f2a9c1e-registered")).isEmpty();
    }

    @Test
    void anInvalidDocumentIsAnInvalidClientErrorWithItsReason() {
        String wrongId = server.url("/wrong.json");
        server.route("/wrong.json", ex -> respond(ex, 200, JSON, """
                {"client_id": "%s", "redirect_uris": ["http://evil.example/steal"]}""".formatted(wrongId)));

        assertThatThrownBy(() -> repository.findByClientId(wrongId))
                .isInstanceOf(ClientMetadataException.class)
                .satisfies(e -> {
                    ClientMetadataException error = (ClientMetadataException) e;
                    assertThat(error.getError().getErrorCode()).isEqualTo("invalid_client");
                    assertThat(error.getError().getDescription()).isEqualTo("redirect_uri 'http://evil.example/steal' must use"
                            + " https, or http on a loopback address (127.0.0.1, [::1], localhost)");
                });
    }

    @Test
    void urlIdsAreNeverSaved() {
        RegisteredClient urlClient = RegisteredClient.withId("x").clientId("https://app.example.com/client.json")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri("https://app.example.com/cb")
                .build();

        assertThatThrownBy(() -> repository.save(urlClient)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never stored");
        assertThatThrownBy(() -> repository.save(RegisteredClient.from(stored).id("cimd:https://x.example/c").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDocumentWithoutScopeMayAskForAnySupportedScope() {
        String bareId = server.url("/bare.json");
        server.route("/bare.json", ex -> respond(ex, 200, JSON, """
                {"client_id": "%s", "redirect_uris": ["http://localhost/cb"], "scope": ""}""".formatted(bareId)));

        RegisteredClient client = repository.findByClientId(bareId);

        assertThat(client.getScopes()).isEqualTo(SUPPORTED);
        assertThat(client.getClientName()).isEqualTo("127.0.0.1");
        assertThat(repository.warnings(bareId)).hasSize(2).first().asString().contains("localhost");
        assertThat(CimdClientSettings.warnings(client)).isEqualTo(repository.warnings(bareId));
    }

    @Test
    void aPrivateKeyJwtDocumentBecomesAConfidentialClientVerifiedWithItsKeySetWhenAccepted() throws Exception {
        String jwtId = server.url("/jwt.json");
        server.route("/jwt.json", ex -> respond(ex, 200, JSON, """
                {"client_id": "%s", "client_name": "Agent", "redirect_uris": ["https://agent.example/cb"],
                 "token_endpoint_auth_method": "private_key_jwt", "jwks_uri": "https://agent.example/jwks.json",
                 "token_endpoint_auth_signing_alg": "ES256"}""".formatted(jwtId)));
        CimdProperties accepting = new CimdProperties(true, List.of("127.0.0.1"), Duration.ofSeconds(5), DataSize.ofKilobytes(5),
                Duration.ofSeconds(60), Duration.ofHours(24), Duration.ofSeconds(10), 10, true);

        RegisteredClient client = repository(accepting).findByClientId(jwtId);

        assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        assertThat(client.getClientSettings().getJwkSetUrl()).isEqualTo("https://agent.example/jwks.json");
        assertThat(client.getClientSettings().getTokenEndpointAuthenticationSigningAlgorithm()).isEqualTo(SignatureAlgorithm.ES256);
        assertThat(client.getClientSettings().isRequireProofKey()).isTrue();
        assertThatThrownBy(() -> repository.findByClientId(jwtId)).as("refused with the default settings")
                .isInstanceOf(ClientMetadataException.class).hasMessageContaining("private_key_jwt' is not accepted");
    }

    @Test
    void whenDisabledUrlIdsAreLeftToTheDecoratedRepository() throws Exception {
        CimdProperties off = new CimdProperties(false, List.of("127.0.0.1"), Duration.ofSeconds(5), DataSize.ofKilobytes(5),
                Duration.ofSeconds(60), Duration.ofHours(24), Duration.ofSeconds(10), 10, false);
        CimdRegisteredClientRepository disabled = repository(off);

        assertThat(disabled.findByClientId(clientId)).isNull();
        assertThat(disabled.findById("cimd:" + clientId)).isNull();
        assertThat(server.hits("/client.json")).isZero();
    }
}
