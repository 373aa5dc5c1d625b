package org.ncmcp.e2e.stock;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A native MCP client's redirect target (RFC 8252 loopback redirect): {@code http://127.0.0.1:<port>/callback} on a JDK
 * HttpServer that records every arrival (the full URL with code, state and iss, or an error) and shows a short page.
 */
final class LoopbackRedirect implements AutoCloseable {

    private final HttpServer server;
    private final BlockingQueue<URI> arrivals = new LinkedBlockingQueue<>();

    private LoopbackRedirect(HttpServer server) {
        this.server = server;
    }

    static LoopbackRedirect start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackRedirect redirect = new LoopbackRedirect(server);
            server.createContext("/callback", exchange -> {
                String query = exchange.getRequestURI().getRawQuery();
                redirect.arrivals.add(URI.create(redirect.uri() + (query == null ? "" : "?" + query)));
                byte[] page = "<!doctype html><title>MCP client</title><h1 id=\"arrived\">Back at the client</h1>"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            server.start();
            return redirect;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The redirect URI to register. */
    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    /** The next redirect that arrived, waiting at most {@code timeout} for it. */
    URI next(Duration timeout) {
        return next(timeout, () -> "");
    }

    /** As {@link #next(Duration)}, adding {@code context} (e.g. what the browser showed) to the failure message. */
    URI next(Duration timeout, java.util.function.Supplier<String> context) {
        try {
            URI arrived = arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (arrived == null) {
                throw new AssertionError("no redirect reached " + uri() + " within " + timeout + "; " + context.get());
            }
            return arrived;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the redirect", e);
        }
    }

    /** Redirects that arrived and were not taken by {@link #next}. */
    int pending() {
        return arrivals.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
