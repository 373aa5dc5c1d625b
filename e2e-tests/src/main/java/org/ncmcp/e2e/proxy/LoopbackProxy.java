package org.ncmcp.e2e.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP reverse proxy on loopback. Two uses: a round-robin "load balancer" in front of several
 * broker replicas (every request may land on another replica, so shared state is really tested), and
 * adding a bearer token for clients that cannot send one (the conformance CLI). The address clients
 * used is passed on in {@code X-Forwarded-*} headers, so the backends build URLs that point back at it.
 */
public final class LoopbackProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "proxy-authorization", "proxy-authenticate", "content-length", "host",
            "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-for");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<URI> backends;
    private final java.util.function.Supplier<Map<String, String>> addedHeaders;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger[] served;

    private LoopbackProxy(int port, List<URI> backends, java.util.function.Supplier<Map<String, String>> addedHeaders)
            throws IOException {
        this.backends = List.copyOf(backends);
        this.addedHeaders = addedHeaders;
        this.served = new AtomicInteger[backends.size()];
        for (int i = 0; i < served.length; i++) {
            served[i] = new AtomicInteger();
        }
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::forward);
        server.setExecutor(executor);
        server.start();
    }

    /** Round-robin over {@code backends}, adding {@code addedHeaders} to every request. */
    public static LoopbackProxy start(int port, List<URI> backends, Map<String, String> addedHeaders) {
        Map<String, String> fixed = Map.copyOf(addedHeaders);
        return start(port, backends, () -> fixed);
    }

    /** As above, with headers computed per request (e.g. a bearer token that is refreshed when it ages). */
    public static LoopbackProxy start(int port, List<URI> backends, java.util.function.Supplier<Map<String, String>> addedHeaders) {
        try {
            return new LoopbackProxy(port, backends, addedHeaders);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** How many requests each backend answered, in the order given. */
    public int[] servedCounts() {
        int[] counts = new int[served.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = served[i].get();
        }
        return counts;
    }

    private void forward(HttpExchange exchange) throws IOException {
        int index = Math.floorMod(next.getAndIncrement(), backends.size());
        URI backend = backends.get(index);
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(backend.resolve(exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                    .timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            Map<String, String> added = addedHeaders.get();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && added.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            // the backends learn the address clients used from the de-facto proxy headers
            String host = exchange.getRequestHeaders().getFirst("Host");
            request.header("X-Forwarded-Host", host == null ? "127.0.0.1:" + port() : host);
            request.header("X-Forwarded-Proto", "http");
            request.header("X-Forwarded-Port", String.valueOf(port()));
            added.forEach(request::header);
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            served[index].incrementAndGet();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(502, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
