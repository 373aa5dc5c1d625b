package org.ncmcp.broker.client.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ncmcp.broker.client.metadata.Documents.JSON;
import static org.ncmcp.broker.client.metadata.LoopbackServer.respond;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ClientMetadataResolverTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
    private LoopbackServer server;
    private final AtomicReference<String> cacheControl = new AtomicReference<>();
    private String clientId;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.http();
        clientId = server.url("/client.json");
        server.route("/client.json", ex -> {
            String header = cacheControl.get();
            if (header == null) {
                respond(ex, 200, JSON, Documents.valid(clientId));
            } else {
                respond(ex, 200, JSON, Documents.valid(clientId), "Cache-Control", header);
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ClientMetadataResolver resolver(CimdProperties properties) throws Exception {
        var fetcher = new ClientMetadataDocumentFetcher(properties, HostResolver.SYSTEM, SSLContext.getDefault(), clock);
        return new ClientMetadataResolver(properties, fetcher, clock);
    }

    private ClientMetadataResolver resolver(Duration minTtl, Duration maxTtl) throws Exception {
        return resolver(Documents.properties(List.of("127.0.0.1"), minTtl, maxTtl));
    }

    @Test
    void aSecondLookupIsServedFromTheCache() throws Exception {
        cacheControl.set("max-age=300");
        ClientMetadataResolver resolver = resolver(Duration.ofSeconds(60), Duration.ofHours(24));

        ClientMetadataDocument first = resolver.resolve(clientId);
        ClientMetadataDocument second = resolver.resolve(clientId);

        assertThat(second).isSameAs(first);
        assertThat(server.hits("/client.json")).isEqualTo(1);
    }

    @Test
    void maxAgeDecidesWhenTheDocumentIsFetchedAgain() throws Exception {
        cacheControl.set("max-age=300");
        ClientMetadataResolver resolver = resolver(Duration.ofSeconds(60), Duration.ofHours(24));
        resolver.resolve(clientId);

        clock.advance(Duration.ofSeconds(299));
        resolver.resolve(clientId);
        assertThat(server.hits("/client.json")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        resolver.resolve(clientId);
        assertThat(server.hits("/client.json")).isEqualTo(2);
    }

    @Test
    void maxAgeZeroIsFetchedEveryTimeWhenNoMinimumIsSet() throws Exception {
        cacheControl.set("max-age=0");
        ClientMetadataResolver resolver = resolver(Duration.ZERO, Duration.ofHours(24));

        resolver.resolve(clientId);
        resolver.resolve(clientId);

        assertThat(server.hits("/client.json")).isEqualTo(2);
    }

    @Test
    void maxAgeZeroIsStillKeptForTheMinimumTtl() throws Exception {
        cacheControl.set("max-age=0");
        ClientMetadataResolver resolver = resolver(Duration.ofSeconds(60), Duration.ofHours(24));

        resolver.resolve(clientId);
        clock.advance(Duration.ofSeconds(59));
        resolver.resolve(clientId);
        assertThat(server.hits("/client.json")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        resolver.resolve(clientId);
        assertThat(server.hits("/client.json")).isEqualTo(2);
    }

    @Test
    void noStoreIsNeverKept() throws Exception {
        cacheControl.set("no-store");
        ClientMetadataResolver resolver = resolver(Duration.ofSeconds(60), Duration.ofHours(24));

        resolver.resolve(clientId);
        resolver.resolve(clientId);

        assertThat(server.hits("/client.json")).isEqualTo(2);
    }

    @Test
    void aLongMaxAgeIsCutToTheMaximumTtl() throws Exception {
        cacheControl.set("max-age=31536000");
        ClientMetadataResolver resolver = resolver(Duration.ofSeconds(60), Duration.ofHours(24));

        resolver.resolve(clientId);
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        resolver.resolve(clientId);
        assertThat(server.hits("/client.json")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        resolver.resolve(clientId);
        assertThat(server.hits("/client.json")).isEqualTo(2);
    }

    @Test
    void withoutCacheHeadersTheMinimumTtlApplies() throws Exception {
        ClientMetadataResolver resolver = resolver(Duration.ofSeconds(60), Duration.ofHours(24));

        resolver.resolve(clientId);
        clock.advance(Duration.ofSeconds(59));
        resolver.resolve(clientId);
        clock.advance(Duration.ofSeconds(1));
        resolver.resolve(clientId);

        assertThat(server.hits("/client.json")).isEqualTo(2);
    }

    @Test
    void aFailureIsRememberedBrieflyThenRetried() throws Exception {
        String brokenId = server.url("/broken.json");
        server.route("/broken.json", ex -> respond(ex, 200, JSON, Documents.valid("https://someone-else.example/client.json")));
        ClientMetadataResolver resolver = resolver(Duration.ofSeconds(60), Duration.ofHours(24));

        assertThatThrownBy(() -> resolver.resolve(brokenId)).isInstanceOf(ClientMetadataException.class)
                .hasMessageContaining("does not equal the URL it was fetched from");
        clock.advance(Duration.ofSeconds(9));
        assertThatThrownBy(() -> resolver.resolve(brokenId)).isInstanceOf(ClientMetadataException.class)
                .hasMessageContaining("does not equal the URL it was fetched from");
        assertThat(server.hits("/broken.json")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> resolver.resolve(brokenId)).isInstanceOf(ClientMetadataException.class);
        assertThat(server.hits("/broken.json")).isEqualTo(2);
    }

    @Test
    void theCacheIsBoundedAndDropsTheLeastRecentlyUsed() throws Exception {
        cacheControl.set("max-age=3600");
        for (String path : List.of("/a.json", "/b.json", "/c.json")) {
            String id = server.url(path);
            server.route(path, ex -> respond(ex, 200, JSON, Documents.valid(id), "Cache-Control", "max-age=3600"));
        }
        CimdProperties two = new CimdProperties(true, List.of("127.0.0.1"), Duration.ofSeconds(5), DataSize.ofKilobytes(5),
                Duration.ofSeconds(60), Duration.ofHours(24), Duration.ofSeconds(10), 2, false);
        ClientMetadataResolver resolver = resolver(two);

        resolver.resolve(server.url("/a.json"));
        resolver.resolve(server.url("/b.json"));
        resolver.resolve(server.url("/a.json")); // a is now more recent than b
        resolver.resolve(server.url("/c.json")); // evicts b
        resolver.resolve(server.url("/a.json"));
        resolver.resolve(server.url("/b.json"));

        assertThat(server.hits("/a.json")).isEqualTo(1);
        assertThat(server.hits("/b.json")).isEqualTo(2);
        assertThat(server.hits("/c.json")).isEqualTo(1);
    }

    @Test
    void concurrentLookupsOfOneUrlShareOneFetch() throws Exception {
        // no-store: nothing is cached, so only sharing the in-flight fetch can keep this to one request
        String sharedId = server.url("/shared.json");
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.route("/shared.json", ex -> {
            arrived.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, JSON, Documents.valid(sharedId), "Cache-Control", "no-store");
        });
        ClientMetadataResolver resolver = resolver(Duration.ofSeconds(60), Duration.ofHours(24));

        int callers = 8;
        List<Thread> threads = new ArrayList<>();
        List<Object> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < callers; i++) {
            Thread thread = new Thread(() -> results.add(resolver.resolve(sharedId)));
            threads.add(thread);
            thread.start();
        }
        assertThat(arrived.await(10, TimeUnit.SECONDS)).as("the first fetch reached the server").isTrue();
        // Every other caller must be parked on the shared fetch before the server answers.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count() < callers - 1) {
            assertThat(System.nanoTime()).as("callers waiting on the shared fetch").isLessThan(deadline);
            Thread.onSpinWait();
        }
        release.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        assertThat(results).hasSize(callers).allSatisfy(d -> assertThat(d).isInstanceOf(ClientMetadataDocument.class));
        assertThat(server.hits("/shared.json")).isEqualTo(1);
    }

    @Test
    void disabledRefusesEveryUrl() throws Exception {
        CimdProperties off = new CimdProperties(false, List.of("127.0.0.1"), Duration.ofSeconds(5), DataSize.ofKilobytes(5),
                Duration.ofSeconds(60), Duration.ofHours(24), Duration.ofSeconds(10), 10, false);

        assertThatThrownBy(() -> resolver(off).resolve(clientId))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessage("this server does not accept URL client ids (Client ID Metadata Documents)");
        assertThat(server.hits("/client.json")).isZero();
    }
}
