package org.ncmcp.broker.client.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.broker.client.metadata.MutableClock;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class UpstreamRegistrationMirrorTest {

    private static final String CREATED = """
            {"client_id": "upstream-42", "registration_access_token": "rat-SECRET-value",
             "registration_client_uri": "https://idp.example/register/upstream-42", "client_id_issued_at": 1796212800,
             "token_endpoint_auth_method": "none"}""";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final Sleeper recordingSleeper = sleeps::add;
    private FakeIdentityProvider idp;

    private final RegisteredClient client = RegisteredClient.withId("b-1")
            .clientId("mcp-client-7")
            .clientName("Claude Desktop")
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
            .redirectUri("http://127.0.0.1:33418/callback")
            .build();

    @BeforeEach
    void start() throws Exception {
        idp = new FakeIdentityProvider();
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    private DcrProxyProperties properties(int maxAttempts, Duration maxWait, String initialAccessToken) {
        return new DcrProxyProperties(true, URI.create(idp.issuer()), "openid profile", List.of(), initialAccessToken,
                maxAttempts, Duration.ofMillis(200), maxWait, Duration.ofMinutes(10), Duration.ofSeconds(5));
    }

    private UpstreamRegistrationMirror mirror(DcrProxyProperties properties) {
        UpstreamDiscovery discovery = new UpstreamDiscovery(properties, URI.create("https://unused.example"));
        return new UpstreamRegistrationMirror(properties, discovery, HttpClient.newHttpClient(), recordingSleeper, clock, () -> 0.5);
    }

    @Test
    void tooManyRequestsAreRetriedHonouringRetryAfterThenTheRegistrationSucceeds() {
        idp.answer(new FakeIdentityProvider.Answer(429, "", "Retry-After", "2"),
                new FakeIdentityProvider.Answer(429, ""),
                new FakeIdentityProvider.Answer(201, CREATED));

        UpstreamRegistration registration = mirror(properties(5, Duration.ofSeconds(10), null)).mirror(client);

        assertThat(registration.upstreamClientId()).isEqualTo("upstream-42");
        assertThat(registration.clientSecret()).isNull();
        assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("none");
        assertThat(registration.clientSecretExpiresAt()).isNull();
        assertThat(registration.registrationAccessToken()).isEqualTo("rat-SECRET-value");
        assertThat(registration.registrationClientUri()).hasToString("https://idp.example/register/upstream-42");
        assertThat(registration.registeredAt()).isEqualTo(Instant.ofEpochSecond(1796212800));
        // first wait: Retry-After exactly; second: 200 ms doubled = 400 ms, half fixed + half × jitter 0.5
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(300));
        assertThat(idp.registrationHits()).isEqualTo(3);
        assertThat(idp.requestBodies).containsOnly(idp.requestBodies.get(0));
    }

    @Test
    void theMirroredRequestIsAPublicClientWithTheClientsRedirects() {
        idp.answer(new FakeIdentityProvider.Answer(201, CREATED));

        mirror(properties(5, Duration.ofSeconds(10), null)).mirror(client);

        JsonNode sent = JsonMapper.builder().build().readTree(idp.requestBodies.get(0));
        assertThat(sent.get("client_name").stringValue()).isEqualTo("Claude Desktop");
        assertThat(sent.get("redirect_uris").get(0).stringValue()).isEqualTo("http://127.0.0.1:33418/callback");
        assertThat(sent.get("grant_types").toString()).isEqualTo("[\"authorization_code\",\"refresh_token\"]");
        assertThat(sent.get("response_types").toString()).isEqualTo("[\"code\"]");
        assertThat(sent.get("token_endpoint_auth_method").stringValue()).isEqualTo("none");
        assertThat(sent.get("application_type").stringValue()).isEqualTo("native");
        assertThat(sent.get("scope").stringValue()).isEqualTo("openid profile");
        assertThat(sent.has("client_secret")).isFalse();
        assertThat(idp.authorizations).containsExactly("");
    }

    @Test
    void configuredRedirectUrisReplaceTheClientsAndTheInitialAccessTokenIsSent() {
        idp.answer(new FakeIdentityProvider.Answer(201, CREATED));
        DcrProxyProperties properties = new DcrProxyProperties(true, URI.create(idp.issuer()), null,
                List.of(URI.create("https://broker.example/login/oauth2/code/upstream")), "iat-123", 5, Duration.ofMillis(200),
                Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofSeconds(5));

        mirror(properties).mirror(client);

        JsonNode sent = JsonMapper.builder().build().readTree(idp.requestBodies.get(0));
        assertThat(sent.get("redirect_uris").toString()).isEqualTo("[\"https://broker.example/login/oauth2/code/upstream\"]");
        assertThat(sent.get("application_type").stringValue()).isEqualTo("web");
        assertThat(sent.has("scope")).isFalse();
        assertThat(idp.authorizations).containsExactly("Bearer iat-123");
        assertThat(properties.toString()).doesNotContain("iat-123");
    }

    @Test
    void anIdpThatForcesAClientSecretLikeNextcloudsOidcAppHasItReturnedForTheVault() {
        // the shape of e2e-tests/src/test/resources/contracts/nextcloud/oidc/register.json (H2CK/oidc 2.0.9),
        // whose rate limit answers 429 with "[]" and no Retry-After
        idp.answer(new FakeIdentityProvider.Answer(429, "[]"), new FakeIdentityProvider.Answer(201, """
                {"client_name": "Claude Desktop", "client_id": "nc-abc", "client_secret": "cs-SECRET-value",
                 "registration_access_token": "rat-SECRET-value",
                 "registration_client_uri": "https://cloud.example/index.php/apps/oidc/register/nc-abc",
                 "redirect_uris": ["http://127.0.0.1:33418/callback"], "token_endpoint_auth_method": "client_secret_post",
                 "response_types": ["code"], "grant_types": ["authorization_code"], "application_type": "native",
                 "client_id_issued_at": 1763812800, "client_secret_expires_at": 1763816400, "scope": ""}"""));

        UpstreamRegistration registration = mirror(properties(5, Duration.ofSeconds(10), null)).mirror(client);

        assertThat(registration.upstreamClientId()).isEqualTo("nc-abc");
        assertThat(registration.clientSecret()).isEqualTo("cs-SECRET-value");
        assertThat(registration.tokenEndpointAuthMethod()).isEqualTo("client_secret_post");
        assertThat(registration.clientSecretExpiresAt()).isEqualTo(Instant.ofEpochSecond(1763816400));
        assertThat(registration.registeredAt()).isEqualTo(Instant.ofEpochSecond(1763812800));
        assertThat(registration.toString()).doesNotContain("SECRET");
        assertThat(sleeps).containsExactly(Duration.ofMillis(150));
    }

    @Test
    void endlessTooManyRequestsFailClearlyAfterMaxAttempts() {
        idp.answer(new FakeIdentityProvider.Answer(429, "{\"error\": \"slow_down\"}"));

        assertThatThrownBy(() -> mirror(properties(5, Duration.ofSeconds(10), null)).mirror(client))
                .isInstanceOf(UpstreamRegistrationException.class)
                .hasMessage("the upstream IdP answered HTTP 429 to all 5 attempts (broker.dcr-proxy.max-attempts); try again later")
                .satisfies(e -> assertThat(((UpstreamRegistrationException) e).status()).isEqualTo(429));
        assertThat(idp.registrationHits()).isEqualTo(5);
        assertThat(sleeps).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300), Duration.ofMillis(600),
                Duration.ofMillis(1200));
    }

    @Test
    void serviceUnavailableHonoursAnHttpDateRetryAfter() {
        idp.answer(new FakeIdentityProvider.Answer(503, "", "Retry-After", "Wed, 02 Dec 2026 12:00:05 GMT"),
                new FakeIdentityProvider.Answer(201, CREATED));

        mirror(properties(5, Duration.ofSeconds(10), null)).mirror(client);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void aRetryAfterBeyondMaxWaitFailsAtOnce() {
        idp.answer(new FakeIdentityProvider.Answer(429, "", "Retry-After", "3600"));

        assertThatThrownBy(() -> mirror(properties(5, Duration.ofSeconds(10), null)).mirror(client))
                .isInstanceOf(UpstreamRegistrationException.class)
                .hasMessageContaining("asked to retry after 3600 s, beyond broker.dcr-proxy.max-wait (PT10S");
        assertThat(sleeps).isEmpty();
        assertThat(idp.registrationHits()).isEqualTo(1);
    }

    @Test
    void theTotalWaitNeverExceedsMaxWait() {
        idp.answer(new FakeIdentityProvider.Answer(503, ""));

        assertThatThrownBy(() -> mirror(properties(10, Duration.ofMillis(500), null)).mirror(client))
                .isInstanceOf(UpstreamRegistrationException.class)
                .hasMessageContaining("max-wait (PT0.5S) is used up");
        assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aRefusalCarriesTheIdpsErrorAndDescription() {
        idp.answer(new FakeIdentityProvider.Answer(400,
                "{\"error\": \"invalid_redirect_uri\", \"error_description\": \"Redirect URI not allowed by policy\"}"));

        assertThatThrownBy(() -> mirror(properties(5, Duration.ofSeconds(10), null)).mirror(client))
                .isInstanceOf(UpstreamRegistrationException.class)
                .hasMessage("the upstream IdP refused the registration: HTTP 400 invalid_redirect_uri: Redirect URI not allowed by policy")
                .satisfies(e -> {
                    UpstreamRegistrationException refusal = (UpstreamRegistrationException) e;
                    assertThat(refusal.status()).isEqualTo(400);
                    assertThat(refusal.error()).isEqualTo("invalid_redirect_uri");
                    assertThat(refusal.errorDescription()).isEqualTo("Redirect URI not allowed by policy");
                });
        assertThat(idp.registrationHits()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void anUnauthorisedRegistrationHintsAtTheInitialAccessToken() {
        idp.answer(new FakeIdentityProvider.Answer(401, "{\"error\": \"invalid_token\", \"error_description\": \"Not authorized to view client. Not valid token or client credentials provided.\"}"));

        assertThatThrownBy(() -> mirror(properties(5, Duration.ofSeconds(10), null)).mirror(client))
                .isInstanceOf(UpstreamRegistrationException.class)
                .hasMessageStartingWith("the upstream IdP refused the registration: HTTP 401 invalid_token")
                .hasMessageContaining("broker.dcr-proxy.initial-access-token");
    }

    @Test
    void anIdpWithoutRegistrationEndpointIsAClearError() {
        idp.withoutRegistrationEndpoint();

        assertThatThrownBy(() -> mirror(properties(5, Duration.ofSeconds(10), null)).mirror(client))
                .isInstanceOf(UpstreamRegistrationException.class)
                .hasMessageContaining("advertises no registration_endpoint");
    }

    @Test
    void aResponseWithoutClientIdIsRefused() {
        idp.answer(new FakeIdentityProvider.Answer(201, "{\"client_name\": \"x\"}"));

        assertThatThrownBy(() -> mirror(properties(5, Duration.ofSeconds(10), null)).mirror(client))
                .isInstanceOf(UpstreamRegistrationException.class)
                .hasMessage("the upstream IdP's registration response has no client_id");
    }

    @Test
    void nothingIsMirroredWhenTheModeIsOff() {
        DcrProxyProperties off = DcrProxyProperties.defaults();
        var discovery = new UpstreamDiscovery(off, URI.create(idp.issuer()));
        var mirror = new UpstreamRegistrationMirror(off, discovery, HttpClient.newHttpClient(), recordingSleeper, clock, () -> 0.5);

        assertThatThrownBy(() -> mirror.mirror(client)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broker.dcr-proxy.enabled");
        assertThat(idp.discoveryHits()).isZero();
    }

    @Test
    void tokensAndSecretsNeverReachTheLogs() {
        idp.answer(new FakeIdentityProvider.Answer(429, ""),
                new FakeIdentityProvider.Answer(201, CREATED.replace("\"token_endpoint_auth_method\": \"none\"",
                        "\"client_secret\": \"cs-SECRET-value\"")));
        Logger logger = (Logger) LoggerFactory.getLogger("org.ncmcp.broker.client.upstream");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.TRACE);
        logger.addAppender(appender);
        try {
            UpstreamRegistration registration = mirror(properties(5, Duration.ofSeconds(10), "iat-SECRET-value")).mirror(client);

            assertThat(registration.clientSecret()).isEqualTo("cs-SECRET-value");
            assertThat(registration.toString()).doesNotContain("SECRET");
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains("SECRET"))
                .anyMatch(line -> line.contains("confidential client") && line.contains("upstream-42"));
    }
}
