package org.ncmcp.broker.client.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ncmcp.broker.client.metadata.Documents.JSON;
import static org.ncmcp.broker.client.metadata.LoopbackServer.respond;

import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

class ClientMetadataDocumentFetcherTest {

    private LoopbackServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.http();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    private static ClientMetadataDocumentFetcher fetcher(CimdProperties properties) throws Exception {
        return new ClientMetadataDocumentFetcher(properties, HostResolver.SYSTEM, SSLContext.getDefault(), Clock.systemUTC());
    }

    @Test
    void fetchesTheDocumentFromAnAllowListedLoopbackHost() throws Exception {
        String clientId = server.url("/client.json");
        server.route("/client.json", ex -> respond(ex, 200, JSON, Documents.valid(clientId), "Cache-Control", "max-age=300"));

        FetchedDocument fetched = fetcher(Documents.loopbackAllowed()).fetch(clientId);

        assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).contains("Example MCP Client");
        assertThat(fetched.freshness()).isEqualTo(new Freshness(false, Duration.ofSeconds(300)));
        assertThat(server.exchanges().get(0).getRequestHeaders().getFirst("Host")).isEqualTo("127.0.0.1:" + server.port());
        assertThat(server.exchanges().get(0).getRequestURI().toString()).isEqualTo("/client.json");
    }

    @Test
    void loopbackIsRefusedUnlessAllowListed() throws Exception {
        server.route("/client.json", ex -> respond(ex, 200, JSON, "{}"));
        String clientId = "https://127.0.0.1:" + server.port() + "/client.json";

        assertThatThrownBy(() -> fetcher(CimdProperties.defaults()).fetch(clientId))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessageContaining("resolves to 127.0.0.1, a loopback address");
        assertThat(server.hits("/client.json")).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://10.0.0.1/client.json | 10.0.0.1, a private address",
            "https://169.254.169.254/latest/meta-data/client.json | 169.254.169.254, a link-local address",
            "https://100.64.1.2/client.json | 100.64.1.2, a carrier-grade NAT address",
            "https://0.0.0.0/client.json | an unspecified",
            "https://224.0.0.1/client.json | a multicast address",
            "https://[fd12:3456::1]/client.json | a unique local address",
            "https://[fe80::1]/client.json | a link-local address",
            "https://[::1]/client.json | a loopback address",
            "https://[::ffff:192.168.1.1]/client.json | 192.168.1.1, a private address",
            "https://[64:ff9b::a00:1]/client.json | a NAT64 address embedding a private address",
    })
    void nonPublicAddressesAreRefusedBeforeAnyConnection(String clientId, String reason) throws Exception {
        assertThatThrownBy(() -> fetcher(CimdProperties.defaults()).fetch(clientId))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("only fetched from public addresses");
    }

    @Test
    void aHostNameThatResolvesToAPrivateAddressIsRefused() throws Exception {
        HostResolver dns = host -> new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}),
                InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1})};
        var fetcher = new ClientMetadataDocumentFetcher(CimdProperties.defaults(), dns, SSLContext.getDefault(),
                Clock.systemUTC());

        assertThatThrownBy(() -> fetcher.fetch("https://evil.test/client.json"))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessageContaining("client_id host 'evil.test' resolves to 10.0.0.1, a private address");
    }

    @Test
    void connectsToTheAddressItCheckedWithoutResolvingAgain() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        // "cimd.test" exists in no DNS: the fetch can only succeed by connecting to the address we returned.
        HostResolver dns = host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        };
        String clientId = "http://cimd.test:" + server.port() + "/client.json";
        server.route("/client.json", ex -> respond(ex, 200, JSON, Documents.valid(clientId)));
        CimdProperties properties = Documents.properties(List.of("cimd.test"), Duration.ofSeconds(60), Duration.ofHours(1));

        FetchedDocument fetched = new ClientMetadataDocumentFetcher(properties, dns, SSLContext.getDefault(),
                Clock.systemUTC()).fetch(clientId);

        assertThat(fetched.body()).isNotEmpty();
        assertThat(lookups).hasValue(1);
        assertThat(server.exchanges().get(0).getRequestHeaders().getFirst("Host")).isEqualTo("cimd.test:" + server.port());
    }

    @Test
    void plainHttpIsRefusedForHostsNotAllowListed() {
        assertThatThrownBy(() -> fetcher(CimdProperties.defaults()).fetch("http://app.example.com/client.json"))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessageContaining("must use the https scheme");
    }

    @Test
    void aDocumentAnnouncedLargerThanTheCapIsRefusedUnread() throws Exception {
        String clientId = server.url("/big.json");
        server.route("/big.json", ex -> respond(ex, 200, JSON, "{\"pad\":\"" + "x".repeat(6000) + "\"}"));

        assertThatThrownBy(() -> fetcher(Documents.loopbackAllowed()).fetch(clientId))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessage("the metadata document is larger than 5120 bytes");
    }

    @Test
    void readingAStreamedBodyStopsAtTheCap() throws Exception {
        String clientId = server.url("/stream.json");
        AtomicInteger written = new AtomicInteger();
        server.route("/stream.json", ex -> {
            ex.getResponseHeaders().set("Content-Type", JSON);
            ex.sendResponseHeaders(200, 0); // chunked, no length announced
            byte[] kib = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 64 * 1024; i++) { // 64 MiB if nobody stopped reading
                    out.write(kib);
                    out.flush();
                    written.incrementAndGet();
                }
            }
        });

        assertThatThrownBy(() -> fetcher(Documents.loopbackAllowed()).fetch(clientId))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessage("the metadata document is larger than 5120 bytes");
        assertThat(written.get()).isLessThan(64 * 1024);
    }

    @Test
    void aDocumentSentInManyTinyChunksIsReassembled() throws Exception {
        String clientId = server.url("/chunked.json");
        String document = Documents.valid(clientId).replace("\"client_name\"", "\"pad\": \"" + "p".repeat(4000) + "\", \"client_name\"");
        server.route("/chunked.json", ex -> {
            ex.getResponseHeaders().set("Content-Type", JSON);
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (byte b : document.getBytes(StandardCharsets.UTF_8)) {
                    out.write(b);
                    out.flush(); // one chunk per byte
                }
            }
        });

        FetchedDocument fetched = fetcher(Documents.loopbackAllowed()).fetch(clientId);

        assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo(document);
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() throws Exception {
        String clientId = server.url("/slow.json");
        server.route("/slow.json", ex -> {
            awaitRelease();
            respond(ex, 200, JSON, Documents.valid(clientId));
        });
        CimdProperties properties = new CimdProperties(true, List.of("127.0.0.1"), Duration.ofMillis(300),
                DataSize.ofKilobytes(5), Duration.ofSeconds(60), Duration.ofHours(24), Duration.ofSeconds(10), 10, false);

        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher(properties).fetch(clientId))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessage("fetching the metadata document timed out after 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aBodyThatStallsHalfwayTimesOut() throws Exception {
        String clientId = server.url("/stall.json");
        server.route("/stall.json", ex -> {
            ex.getResponseHeaders().set("Content-Type", JSON);
            ex.sendResponseHeaders(200, 1000);
            OutputStream out = ex.getResponseBody();
            out.write("{\"client_id\":".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitRelease();
        });
        CimdProperties properties = new CimdProperties(true, List.of("127.0.0.1"), Duration.ofMillis(300),
                DataSize.ofKilobytes(5), Duration.ofSeconds(60), Duration.ofHours(24), Duration.ofSeconds(10), 10, false);

        assertThatThrownBy(() -> fetcher(properties).fetch(clientId))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessage("fetching the metadata document timed out after 300 ms");
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        String clientId = server.url("/moved.json");
        server.route("/moved.json", ex -> respond(ex, 302, null, "", "Location", server.url("/client.json")));
        server.route("/client.json", ex -> respond(ex, 200, JSON, Documents.valid(clientId)));

        assertThatThrownBy(() -> fetcher(Documents.loopbackAllowed()).fetch(clientId))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessageContaining("answered with a redirect (HTTP 302 to '" + server.url("/client.json") + "')")
                .hasMessageContaining("redirects are not followed");
        assertThat(server.hits("/client.json")).isZero();
    }

    @Test
    void aNonJsonContentTypeIsRefused() throws Exception {
        String clientId = server.url("/page.html");
        server.route("/page.html", ex -> respond(ex, 200, "text/html; charset=utf-8", "<html>hello</html>"));

        assertThatThrownBy(() -> fetcher(Documents.loopbackAllowed()).fetch(clientId))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessage("the metadata document has Content-Type 'text/html'; expected application/json");
    }

    @Test
    void aStructuredJsonContentTypeIsAccepted() throws Exception {
        String clientId = server.url("/client.json");
        server.route("/client.json", ex -> respond(ex, 200, "application/client-metadata+json; charset=utf-8",
                Documents.valid(clientId)));

        assertThat(fetcher(Documents.loopbackAllowed()).fetch(clientId).body()).isNotEmpty();
    }

    @Test
    void anErrorStatusIsRefused() throws Exception {
        String clientId = server.url("/missing.json");
        server.route("/missing.json", ex -> respond(ex, 404, JSON, "{\"error\":\"not found\"}"));

        assertThatThrownBy(() -> fetcher(Documents.loopbackAllowed()).fetch(clientId))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessage("the client_id URL answered HTTP 404; expected 200 with the metadata document");
    }

    @Test
    void cacheHeadersAreReadFromTheResponse() throws Exception {
        String clientId = server.url("/client.json");
        Map<String, String> headers = Map.of("Cache-Control", "public, no-store");
        server.route("/client.json", ex -> respond(ex, 200, JSON, Documents.valid(clientId),
                "Cache-Control", headers.get("Cache-Control")));

        assertThat(fetcher(Documents.loopbackAllowed()).fetch(clientId).freshness().noStore()).isTrue();
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
