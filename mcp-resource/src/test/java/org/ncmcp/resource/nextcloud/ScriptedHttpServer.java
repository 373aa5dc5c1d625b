package org.ncmcp.resource.nextcloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real HTTP server on loopback that answers with a scripted sequence of responses and records the
 * requests it got: for testing how the client reacts to statuses Nextcloud may send.
 */
final class ScriptedHttpServer implements AutoCloseable {

    record Scripted(int status, Map<String, String> headers, String body) {
    }

    record Received(String method, String path, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Handlers that must hang (to provoke a read timeout) wait here until the server closes. */
    private final BlockingQueue<Object> release = new LinkedBlockingQueue<>();

    ScriptedHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    ScriptedHttpServer then(int status, Map<String, String> headers, String body) {
        script.add(new Scripted(status, headers, body));
        return this;
    }

    ScriptedHttpServer then(int status, String body) {
        return then(status, Map.of("Content-Type", "application/json"), body);
    }

    /** The next request gets no answer until the server is closed. */
    ScriptedHttpServer thenHang() {
        script.add(new Scripted(-1, Map.of(), ""));
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    private void handle(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders())));
        exchange.getRequestBody().readAllBytes();
        Scripted next = script.poll();
        if (next == null) {
            next = new Scripted(500, Map.of(), "script exhausted");
        }
        if (next.status() < 0) {
            try {
                release.take();
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        next.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = next.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(next.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        for (int i = 0; i < 16; i++) {
            release.add(new Object());
        }
        server.stop(0);
    }
}
