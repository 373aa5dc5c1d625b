package org.ncmcp.resource.nextcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.credentials.SingleUserCredentialSource;

class NextcloudHttpClientTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private ScriptedHttpServer server;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private NextcloudHttpClient client(Duration readTimeout) {
        NextcloudProperties properties = new NextcloudProperties(URI.create(server.baseUrl() + "/"), "alice",
                "app-secret-123", Duration.ofSeconds(2), readTimeout, 10,
                new NextcloudProperties.Retry(3, Duration.ofMillis(200), Duration.ofSeconds(10)));
        return new NextcloudHttpClient(properties, new SingleUserCredentialSource("alice", "app-secret-123"),
                waits::add, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private NextcloudHttpClient client() {
        return client(Duration.ofSeconds(5));
    }

    @Test
    void sendsBasicAuthWithLoginNameAndAppPassword() {
        server.then(200, "{}");
        client().send(NextcloudRequest.get("/index.php/apps/notes/api/v1/notes"));
        String expected = "Basic " + Base64.getEncoder().encodeToString("alice:app-secret-123".getBytes(StandardCharsets.UTF_8));
        assertThat(server.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/index.php/apps/notes/api/v1/notes");
            assertThat(request.header("Authorization")).isEqualTo(expected);
        });
    }

    @Test
    void rateLimitedRequestIsRetriedAfterTheDelayNextcloudAsksFor() {
        server.then(429, Map.of("Retry-After", "2"), "").then(200, "{\"ok\":true}");
        NextcloudResponse response = client().send(NextcloudRequest.get("/x"));
        assertThat(response.bodyAsString()).isEqualTo("{\"ok\":true}");
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void retryAfterAsHttpDateIsHonoured() {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(3), ZoneOffset.UTC));
        server.then(503, Map.of("Retry-After", at), "").then(200, "{}");
        client().send(NextcloudRequest.get("/x"));
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void unavailableWithoutRetryAfterBacksOffExponentiallyThenGivesUp() {
        server.then(503, "").then(503, "").then(503, "");
        assertThatThrownBy(() -> client().send(NextcloudRequest.get("/x")))
                .isInstanceOf(NextcloudUnavailableException.class)
                .hasMessageContaining("temporarily unavailable (HTTP 503)");
        assertThat(server.received()).hasSize(3);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(200), Duration.ofMillis(250));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(400), Duration.ofMillis(500));
    }

    @Test
    void retryAfterLongerThanWeWaitFailsAtOnceSayingWhenToRetry() {
        server.then(429, Map.of("Retry-After", "120"), "");
        assertThatThrownBy(() -> client().send(NextcloudRequest.get("/x")))
                .isInstanceOfSatisfying(NextcloudUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("rate_limited"))
                .hasMessageContaining("rate limiting")
                .hasMessageContaining("retry after 120 s");
        assertThat(waits).isEmpty();
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void rejectedCredentialsGiveAdviceAndNeverTheSecret() {
        server.then(401, "");
        assertThatThrownBy(() -> client().send(NextcloudRequest.get("/x")))
                .isInstanceOf(NextcloudAuthenticationException.class)
                .hasMessageContaining("rejected the credentials of user 'alice'")
                .hasMessageContaining("NEXTCLOUD_APP_PASSWORD")
                .hasMessageNotContaining("app-secret-123");
    }

    @Test
    void statusesMapToTheFailureACallerCanActOn() {
        server.then(403, "").then(404, "").then(412, Map.of("ETag", "\"abc\""), "{}").then(413, "").then(507, "")
                .then(423, "").then(400, "").then(500, "").then(302, "");
        NextcloudHttpClient client = client();
        List<Class<? extends NextcloudException>> expected = List.of(NextcloudForbiddenException.class,
                NextcloudNotFoundException.class, NextcloudConflictException.class, NextcloudTooLargeException.class,
                NextcloudTooLargeException.class, NextcloudLockedException.class, NextcloudBadRequestException.class,
                NextcloudUnavailableException.class, NextcloudProtocolException.class);
        for (Class<? extends NextcloudException> type : expected) {
            assertThatThrownBy(() -> client.send(NextcloudRequest.get("/x"))).isInstanceOf(type);
        }
        assertThat(waits).isEmpty();
    }

    @Test
    void conflictCarriesTheCurrentEtagFromTheHeader() {
        server.then(412, Map.of("ETag", "\"current-1\""), "{\"id\":1}");
        assertThatThrownBy(() -> client().send(NextcloudRequest.put("/x")))
                .isInstanceOfSatisfying(NextcloudConflictException.class, e -> {
                    assertThat(e.currentEtag()).isEqualTo("current-1");
                    assertThat(new String(e.responseBody(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
                });
    }

    @Test
    void unreachableServerIsAClearError() {
        NextcloudProperties properties = new NextcloudProperties(URI.create("http://127.0.0.1:9"), "alice", "pw",
                Duration.ofSeconds(2), Duration.ofSeconds(2), 10, new NextcloudProperties.Retry(3, Duration.ofMillis(1),
                        Duration.ofSeconds(1)));
        NextcloudHttpClient client = new NextcloudHttpClient(properties, new SingleUserCredentialSource("alice", "pw"),
                waits::add, Clock.systemUTC());
        assertThatThrownBy(() -> client.send(NextcloudRequest.get("/x")))
                .isInstanceOf(NextcloudUnavailableException.class)
                .hasMessageContaining("Could not connect to Nextcloud at http://127.0.0.1:9");
    }

    @Test
    void slowServerHitsTheReadTimeout() {
        server.thenHang();
        assertThatThrownBy(() -> client(Duration.ofMillis(300)).send(NextcloudRequest.get("/x")))
                .isInstanceOf(NextcloudUnavailableException.class)
                .hasMessageContaining("did not answer within");
    }

    @Test
    void aBadRequestCarriesNextcloudsReasonIntoTheMessage() {
        server.then(400, "{\"ocs\":{\"meta\":{\"status\":\"failure\",\"statuscode\":400,"
                + "\"message\":\"Please specify a valid email address\"},\"data\":[]}}");
        assertThatThrownBy(() -> client().send(NextcloudRequest.post("/ocs/v2.php/apps/files_sharing/api/v1/shares")))
                .isInstanceOfSatisfying(NextcloudBadRequestException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo("Please specify a valid email address");
                    assertThat(refused.getMessage()).isEqualTo("Nextcloud refused the request as invalid (HTTP 400) for"
                            + " POST /ocs/v2.php/apps/files_sharing/api/v1/shares: Please specify a valid email address.");
                });
        server.then(422, Map.of("Content-Type", "text/html"), "<html><body>Oops\u0007</body></html>");
        assertThatThrownBy(() -> client().send(NextcloudRequest.get("/x")))
                .isInstanceOfSatisfying(NextcloudBadRequestException.class, refused -> {
                    assertThat(refused.reason()).isEmpty();
                    assertThat(refused.getMessage()).endsWith("for GET /x.");
                });
    }
}
